import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from './form-errors.ts';

interface Props {
  /** what will be shown, in words ("姓名、电话") */
  what: string;
  /** asks the server; resolves when the clear values are in hand, rejects with its refusal */
  onReveal: (reason: string) => Promise<void>;
  onClose: () => void;
}

/**
 * Asks why personal data is needed before showing it in clear, and says plainly that the reveal is
 * recorded. Shared by every place that reveals a masked field (case reporter; households and persons next).
 */
export function RevealModal({ what, onReveal, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await onReveal(reason.trim());
      onClose();
    } catch (err) {
      setProblem(
        showFieldErrors(form, err, { reason: t('personal.reasonRequired') }, t('personal.reasonRequired')),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('personal.revealTitle')}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={!busy}
      width={480}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={busy}
          onClick={() => form.submit()}
          data-testid="reveal-submit"
        >
          {t('personal.confirm')}
        </Button>,
      ]}
    >
      <div data-testid="reveal-modal">
        <p>{t('personal.revealWhat', { what })}</p>
        {problem && <Alert type="error" showIcon message={problem} className="reveal-problem" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="reason"
            label={t('personal.reason')}
            rules={[
              {
                required: true,
                whitespace: true,
                min: 2,
                message: t('personal.reasonRequired'),
                transform: (v?: string) => v?.trim(),
              },
            ]}
          >
            <Input.TextArea
              rows={2}
              maxLength={200}
              showCount
              autoFocus
              placeholder={t('personal.reasonPlaceholder')}
              data-testid="reveal-reason"
            />
          </Form.Item>
        </Form>
        <Alert type="info" showIcon message={t('personal.recordedNote')} />
      </div>
    </Modal>
  );
}
