import { ROLE_LEVEL, ROLE_SCOPE, ROLES, type Role } from '@civicgrid/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Select, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useOrgTree, useUnits } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { roleLabel } from '../../components/role-label.ts';
import { orgOptions } from './org-tree-select-data.ts';
import { addGrant } from './users-api.ts';

interface GrantValues {
  role: Role;
  orgNodeId?: number;
  unitId?: number;
}

/** Role picker plus the scope the role needs: an org node of the right level, a unit, or nothing. */
export function AddGrantForm({ user, onAdded }: { user: User; onAdded: (u: User) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const scope = role ? ROLE_SCOPE[role] : undefined;
  const level = role ? ROLE_LEVEL[role] : undefined;
  const tree = useOrgTree(scope === 'org');
  const units = useUnits(scope === 'unit');
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(
    () => (tree.data ? orgOptions(tree.data, level, i18n.language) : []),
    [tree.data, level, i18n.language],
  );

  const add = useMutation({
    mutationFn: (v: GrantValues) =>
      addGrant(user.id, {
        role: v.role,
        ...(ROLE_SCOPE[v.role] === 'org' ? { orgNodeId: v.orgNodeId } : {}),
        ...(ROLE_SCOPE[v.role] === 'unit' ? { unitId: v.unitId } : {}),
      }),
    onMutate: () => setError(null),
    onSuccess: (u) => {
      form.resetFields();
      onAdded(u);
    },
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <Form<GrantValues>
      form={form}
      layout="vertical"
      data-testid="add-grant-form"
      onFinish={(v) => add.mutate(v)}
      onValuesChange={(changed) => {
        // A new role may need another kind of scope; a stale pick would be refused by the server.
        if ('role' in changed) form.setFieldsValue({ orgNodeId: undefined, unitId: undefined });
      }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form.Item
        label={t('users.role')}
        name="role"
        rules={[{ required: true, message: t('users.roleRequired') }]}
      >
        <Select<Role>
          data-testid="grant-role"
          showSearch={{ optionFilterProp: 'label' }}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(r, i18n.language) }))}
        />
      </Form.Item>
      {scope === 'org' && (
        <Form.Item
          label={t('users.scopeOrg')}
          name="orgNodeId"
          extra={level ? t('users.scopeLevel', { level: t(`level.${level}`) }) : undefined}
          rules={[{ required: true, message: t('users.scopeOrgRequired') }]}
        >
          <TreeSelect<number>
            data-testid="grant-org"
            showSearch={{ treeNodeFilterProp: 'title' }}
            loading={tree.isPending}
            treeData={options}
            treeDefaultExpandedKeys={options.map((o) => o.value)}
            listHeight={320}
          />
        </Form.Item>
      )}
      {scope === 'unit' && (
        <Form.Item
          label={t('users.scopeUnit')}
          name="unitId"
          rules={[{ required: true, message: t('users.scopeUnitRequired') }]}
        >
          <Select<number>
            data-testid="grant-unit"
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            options={units.data?.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
          />
        </Form.Item>
      )}
      {scope === 'none' && (
        <Typography.Paragraph type="secondary">{t('users.scopeNone')}</Typography.Paragraph>
      )}
      {(tree.isError || units.isError) && (
        <Alert type="error" showIcon title={errorMessage(tree.error ?? units.error)} className="form-alert" />
      )}
      <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="grant-submit">
        {t('users.addGrant')}
      </Button>
    </Form>
  );
}
