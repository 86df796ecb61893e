import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { showFieldErrors } from '../../components/form-errors.ts';
import { ModalFooter } from '../../components/modal-footer.tsx';
import { createUser, type UserChanges, updateUser } from './users-api.ts';

interface FormValues {
  username: string;
  displayName: string;
  password?: string;
  phone?: string;
  disabled?: boolean;
}

const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;
const PHONE = /^[0-9+\- ]{5,20}$/;

/** Only the fields that changed, so an edit never overwrites what someone else changed meanwhile. */
function changesOf(user: User, v: FormValues): UserChanges {
  const out: UserChanges = {};
  if (v.displayName.trim() !== user.displayName) out.displayName = v.displayName.trim();
  const phone = v.phone?.trim() || null;
  if (phone !== user.phone) out.phone = phone;
  if (Boolean(v.disabled) !== user.disabled) out.disabled = Boolean(v.disabled);
  if (v.password) out.password = v.password;
  return out;
}

/** Create (user = null) or edit a user; the server's refusals appear next to the fields they concern. */
export function UserFormModal({
  user,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const creating = user === null;
  const hints = {
    username: t('users.usernameRule'),
    displayName: t('users.displayNameRule'),
    password: t('users.passwordRule'),
    phone: t('users.phoneRule'),
  };

  const save = useMutation({
    mutationFn: async (v: FormValues): Promise<User | null> => {
      if (creating) {
        const phone = v.phone?.trim();
        return createUser({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          password: v.password ?? '',
          ...(phone ? { phone } : {}),
        });
      }
      const changes = changesOf(user, v);
      return Object.keys(changes).length ? updateUser(user.id, changes) : null;
    },
    onMutate: () => setFormError(null),
    onSuccess: (saved) => {
      if (saved) onSaved(saved);
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'USERNAME_TAKEN')
        form.setFields([{ name: 'username', errors: [err.message] }]);
      else setFormError(showFieldErrors(form, err, hints, t('users.fieldInvalid')));
    },
  });

  return (
    <Modal
      open
      title={creating ? t('users.create') : t('users.edit')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onCancel={onClose}
          onSave={() => form.submit()}
          saving={save.isPending}
          saveTestId="user-form-submit"
        />
      }
    >
      {formError && <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                phone: user.phone ?? '',
                disabled: user.disabled,
              }
            : {}
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label={t('users.username')}
          name="username"
          extra={creating ? t('users.usernameRule') : undefined}
          rules={creating ? [{ required: true, pattern: USERNAME, message: t('users.usernameRule') }] : []}
        >
          <Input disabled={!creating} autoComplete="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item
          label={t('users.displayName')}
          name="displayName"
          rules={[{ required: true, whitespace: true, max: 64, message: t('users.displayNameRule') }]}
        >
          <Input data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item
          label={creating ? t('users.password') : t('users.newPassword')}
          name="password"
          extra={creating ? t('users.passwordRule') : t('users.newPasswordHelp')}
          rules={[{ required: creating, min: 8, max: 200, message: t('users.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-form-password" />
        </Form.Item>
        <Form.Item
          label={t('users.phone')}
          name="phone"
          rules={[{ pattern: PHONE, message: t('users.phoneRule') }]}
        >
          <Input inputMode="tel" autoComplete="off" data-testid="user-form-phone" />
        </Form.Item>
        {!creating && (
          <Form.Item label={t('users.disable')} name="disabled" valuePropName="checked">
            <Switch data-testid="user-form-disabled" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
