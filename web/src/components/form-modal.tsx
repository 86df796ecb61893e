import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, InputNumber, Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { refusalText } from '../api/client.ts';

/**
 * A modal around one form: OK submits it, a refused save shows above it (the server's message and what it
 * said of each field), the form is dropped on close. The console's create/edit dialogs (points, buildings,
 * bulletin items, households, tags …) share it.
 */
export function FormModal(props: {
  title: string;
  testId: string;
  saving: boolean;
  error: unknown;
  errorTestId?: string;
  width?: number;
  okText?: string;
  okTestId?: string;
  onOk(): void;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={props.title}
      width={props.width}
      onCancel={props.onClose}
      onOk={props.onOk}
      okText={props.okText}
      okButtonProps={props.okTestId ? ({ 'data-testid': props.okTestId } as ButtonProps) : undefined}
      confirmLoading={props.saving}
      destroyOnHidden
      data-testid={props.testId}
    >
      {props.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={refusalText(props.error)}
          style={{ marginBottom: 12 }}
          data-testid={props.errorTestId}
        />
      ) : null}
      {props.children}
    </Modal>
  );
}

/**
 * The save of a create/edit dialog: sends the form's values, then says `saved`, refreshes the lists under
 * `refresh` and closes the dialog.
 */
export function useSaveAndClose<V>(
  send: (v: V) => Promise<unknown>,
  opts: { saved: string; refresh: readonly unknown[]; onClose(): void },
) {
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void message.success(opts.saved);
      void client.invalidateQueries({ queryKey: opts.refresh });
      opts.onClose();
    },
  });
}

/** Longitude and latitude of a place, side by side, both required (`lng` and `lat` of the form). */
export function LocationFields(props: { testIdPrefix: string; lng: string; lat: string; required: string }) {
  const rules = [{ required: true, message: props.required }];
  const { testIdPrefix } = props;
  return (
    <Space>
      <Form.Item name="lng" label={props.lng} rules={rules}>
        <InputNumber
          min={-180}
          max={180}
          step={0.0001}
          style={{ width: 160 }}
          data-testid={`${testIdPrefix}-lng`}
        />
      </Form.Item>
      <Form.Item name="lat" label={props.lat} rules={rules}>
        <InputNumber
          min={-90}
          max={90}
          step={0.0001}
          style={{ width: 160 }}
          data-testid={`${testIdPrefix}-lat`}
        />
      </Form.Item>
    </Space>
  );
}
