import { EditOutlined, GatewayOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeDetail } from '../../api/types.ts';
import { BoundaryModal } from './boundary-modal.tsx';
import { NodeEditModal } from './node-edit-modal.tsx';
import './org-admin.css';

/** The administrator's buttons under a node's details: edit names and validity, update the boundary. */
export function NodeAdminActions({ node }: { node: NodeDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'edit' | 'boundary' | null>(null);
  return (
    <>
      <Space className="node-admin-actions" wrap>
        <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="node-edit">
          {t('orgAdmin.edit')}
        </Button>
        {node.level !== 'district' && (
          <Button icon={<GatewayOutlined />} onClick={() => setOpen('boundary')} data-testid="node-boundary">
            {t('orgAdmin.boundary')}
          </Button>
        )}
      </Space>
      {open === 'edit' && <NodeEditModal node={node} onClose={() => setOpen(null)} />}
      {open === 'boundary' && <BoundaryModal node={node} onClose={() => setOpen(null)} />}
    </>
  );
}

/** Whether a node has ended: its end date (the first day it is no longer in force) has come. */
export function hasEnded(node: Pick<NodeDetail, 'validTo'>): boolean {
  return node.validTo !== null && node.validTo <= new Date().toISOString().slice(0, 10);
}
