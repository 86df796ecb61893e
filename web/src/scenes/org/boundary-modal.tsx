import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Modal,
  Space,
  Table,
  Typography,
  Upload,
  type UploadProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../api/queries.ts';
import type { NodeDetail } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { BoundaryPreviewMap } from './boundary-preview-map.tsx';
import {
  applyBoundary,
  type BoundaryPreview,
  type FeatureChange,
  type Moves,
  previewBoundary,
} from './org-admin-api.ts';

// a no-break space keeps the unit beside its number in the narrow columns
const area = (m2: number | null) => (m2 === null ? '—' : `${(m2 / 1e4).toFixed(2)}\u00a0ha`);

function change(c: FeatureChange): string {
  if (c.oldAreaM2 === null || c.oldAreaM2 === 0) return '—';
  const pct = ((c.newAreaM2 - c.oldAreaM2) / c.oldAreaM2) * 100;
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(1)}%`;
}

/** The features of the file with their areas and what would leave (−) or enter (+) each outline. */
function ChangesTable({ preview }: { preview: BoundaryPreview }) {
  const { t } = useTranslation();
  const moves = (m: Moves | null) => (!m ? '—' : m.out || m.in ? `−${m.out} / +${m.in}` : '0');
  return (
    <Table<FeatureChange>
      size="small"
      rowKey="code"
      pagination={false}
      data-testid="boundary-changes"
      dataSource={preview.features}
      columns={[
        {
          title: t('orgAdmin.node'),
          key: 'name',
          render: (_, c) => (
            <>
              {c.name} <Typography.Text className="cg-code">{c.code}</Typography.Text>
            </>
          ),
        },
        { title: t('orgAdmin.oldArea'), key: 'old', render: (_, c) => area(c.oldAreaM2) },
        { title: t('orgAdmin.newArea'), key: 'new', render: (_, c) => area(c.newAreaM2) },
        { title: t('orgAdmin.areaChange'), key: 'change', render: (_, c) => change(c) },
        { title: t('orgAdmin.openCases'), key: 'cases', render: (_, c) => moves(c.cases) },
        { title: t('orgAdmin.buildings'), key: 'buildings', render: (_, c) => moves(c.buildings) },
        { title: t('orgAdmin.households'), key: 'households', render: (_, c) => moves(c.households) },
      ]}
    />
  );
}

/**
 * Upload a new boundary for a grid or area (GeoJSON, as the import takes it), see what it changes (both
 * outlines, areas, open cases, buildings and households that would fall in another grid), and only then
 * apply it. Existing cases keep the grid they were filed under.
 */
export function BoundaryModal({ node, onClose }: { node: NodeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const config = useAppConfig();
  const [layer, setLayer] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const preview = useMutation({ mutationFn: (l: unknown) => previewBoundary(node.id, l) });
  const apply = useMutation({
    mutationFn: () => applyBoundary(node.id, layer),
    onSuccess: (r) => {
      void message.success(t('orgAdmin.applied', { count: r.updated + r.created }));
      void client.invalidateQueries({ queryKey: ['org'] });
      onClose();
    },
  });

  const read = async (file: File) => {
    setFileError(null);
    preview.reset();
    apply.reset();
    try {
      const parsed: unknown = JSON.parse(await file.text());
      setLayer(parsed);
      preview.mutate(parsed);
    } catch {
      setLayer(null);
      setFileError(t('orgAdmin.notJson'));
    }
  };

  const p = preview.data;
  const blocked = !p || p.problems.length > 0;
  const uploadProps: UploadProps = {
    accept: '.geojson,.json,application/geo+json,application/json',
    maxCount: 1,
    showUploadList: false,
    beforeUpload: (file) => {
      void read(file);
      return false;
    },
  };
  return (
    <Modal
      open
      width={960}
      title={t('orgAdmin.boundaryTitle', { name: node.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="apply"
          type="primary"
          danger
          disabled={blocked}
          loading={apply.isPending}
          onClick={() => apply.mutate()}
          data-testid="boundary-apply"
        >
          {t('orgAdmin.apply')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('orgAdmin.boundaryHelp')}</Typography.Paragraph>
      {/* once a file is previewed the drop zone shrinks to a button, so the preview fits the window */}
      <Space className="boundary-file" wrap>
        {p ? (
          <Upload {...uploadProps}>
            <Button icon={<UploadOutlined />}>{t('orgAdmin.chooseAgain')}</Button>
          </Upload>
        ) : null}
        <a href={`/api/org/nodes/${node.id}/boundary`} download data-testid="boundary-download">
          <DownloadOutlined aria-hidden /> {t('orgAdmin.download')}
        </a>
      </Space>
      {!p && (
        <Upload.Dragger {...uploadProps} className="boundary-file">
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">{t('orgAdmin.chooseFile')}</p>
        </Upload.Dragger>
      )}
      {fileError && <Alert type="error" showIcon role="alert" title={fileError} />}
      {preview.isError && <ErrorAlert error={preview.error} testId="boundary-error" />}
      {apply.isError && <ErrorAlert error={apply.error} />}
      {preview.isPending && <Typography.Text>{t('orgAdmin.previewing')}</Typography.Text>}
      {p && (
        <div data-testid="boundary-preview">
          {p.problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('orgAdmin.problems')}
              data-testid="boundary-problems"
              description={
                <ul>
                  {p.problems.map((x) => (
                    <li key={`${x.feature}-${x.problem}-${x.detail ?? ''}`}>
                      {x.code} {x.message}
                      {x.detail ? `（${x.detail}）` : ''}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {p.problems.length === 0 && (
            <>
              <Descriptions
                className="boundary-summary"
                size="small"
                // one row of three on a wide screen, one under the other on a phone
                column={{ xs: 1, sm: 1, md: 3 }}
                bordered
                data-testid="boundary-summary"
                items={[
                  { key: 'c', label: t('orgAdmin.casesOther'), children: p.inOtherGrid.cases },
                  { key: 'b', label: t('orgAdmin.buildingsOther'), children: p.inOtherGrid.buildings },
                  { key: 'h', label: t('orgAdmin.householdsOther'), children: p.inOtherGrid.households },
                ]}
              />
              <Alert type="info" showIcon title={t('orgAdmin.casesKeep')} className="boundary-summary" />
            </>
          )}
          <BoundaryPreviewMap changes={p.features} tileUrl={config.data?.tileUrl ?? null} />
          <ChangesTable preview={p} />
        </div>
      )}
    </Modal>
  );
}
