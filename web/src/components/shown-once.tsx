import { Alert, Button, Popconfirm, Typography } from 'antd';

/** A secret the server shows only once (an API key, a token), ready to copy, until the user closes it. */
export function ShownOnce({
  title,
  secret,
  testId,
  onClose,
}: {
  title: string;
  secret: string;
  testId: string;
  onClose: () => void;
}) {
  return (
    <Alert
      type="success"
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 16 }}
      title={title}
      description={
        <Typography.Text copyable code data-testid={testId}>
          {secret}
        </Typography.Text>
      }
    />
  );
}

/** A small danger button that revokes a credential after the user confirms. */
export function RevokeButton({
  label,
  confirm,
  testId,
  onConfirm,
}: {
  label: string;
  confirm: string;
  testId: string;
  onConfirm: () => void;
}) {
  return (
    <Popconfirm title={confirm} onConfirm={onConfirm}>
      <Button danger size="small" data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}
