import { useMutation } from '@tanstack/react-query';
import { App, Button, Divider, Drawer, Empty, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { roleLabel } from '../../components/role-label.ts';
import { useIsDesktop } from '../../components/use-media-query.ts';
import { AddGrantForm } from './add-grant-form.tsx';
import { revokeGrant } from './users-api.ts';

interface GrantsDrawerProps {
  user: User;
  canManage: boolean;
  onChanged: (u: User) => void;
  onClose: () => void;
}

/** A user's grants with revoke buttons, and the form to add one. */
export function GrantsDrawer({ user, canManage, onChanged, onClose }: GrantsDrawerProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isDesktop = useIsDesktop();
  const revoke = useMutation({
    mutationFn: (grantId: number) => revokeGrant(user.id, grantId),
    onSuccess: (u) => {
      onChanged(u);
      void message.success(t('users.grantRevoked'));
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  return (
    <Drawer
      open
      onClose={onClose}
      size={isDesktop ? 480 : '100%'}
      title={t('users.grantsOf', { name: user.displayName })}
      data-testid="grants-drawer"
    >
      {user.grants.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.noGrants')} />
      ) : (
        <ul className="grant-list">
          {user.grants.map((g) => (
            <li key={g.id} className="grant-item" data-testid="grant-item">
              <div className="grant-item-text">
                <Tag color="geekblue">{roleLabel(g.role, i18n.language)}</Tag>
                <Typography.Text type="secondary">
                  {[g.scopeName ?? g.unitName, g.scopeCode].filter(Boolean).join(' · ') || t('common.none')}
                </Typography.Text>
              </div>
              {canManage && (
                <Popconfirm
                  title={t('users.revokeConfirm')}
                  okText={t('users.revoke')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutate(g.id)}
                >
                  <Button
                    danger
                    size="small"
                    data-testid="grant-revoke"
                    loading={revoke.isPending && revoke.variables === g.id}
                  >
                    {t('users.revoke')}
                  </Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <>
          <Divider titlePlacement="start">{t('users.addGrant')}</Divider>
          <AddGrantForm
            user={user}
            onAdded={(u) => {
              onChanged(u);
              void message.success(t('users.grantAdded'));
            }}
          />
        </>
      )}
    </Drawer>
  );
}
