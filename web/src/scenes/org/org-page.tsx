import './org.css';
import { Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAppConfig, useNodeDetail, useOrgGeojson, useOrgTree } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import type { Bbox } from './map-style.ts';
import { NodeDetailPanel } from './node-detail.tsx';
import { OrgMap } from './org-map.tsx';
import { OrgTreePanel } from './org-tree-panel.tsx';
import { nodeLabel } from './tree-data.ts';

function readNodeParam(params: URLSearchParams): number | null {
  const n = Number(params.get('node'));
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** Org tree and grid map side by side; the selected node is kept in the address (?node=) so it can be shared. */
export function OrgPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selectedId = readNodeParam(params);
  const config = useAppConfig();
  const tree = useOrgTree();
  const grids = useOrgGeojson('grid');
  const streets = useOrgGeojson('street');
  const detail = useNodeDetail(selectedId);
  // A selection from the tree (or a shared link) zooms the map once its details (with bbox) arrive; a click on
  // the map does not move it. The target id guards against zooming to the previous node's still-cached details.
  const [zoomTarget, setZoomTarget] = useState<number | null>(selectedId);
  const [focus, setFocus] = useState<Bbox | null>(null);

  useEffect(() => {
    const loaded = detail.data?.data;
    if (zoomTarget === null || loaded?.id !== zoomTarget) return;
    if (loaded.bbox) setFocus([...loaded.bbox]);
    setZoomTarget(null);
  }, [zoomTarget, detail.data]);

  const select = useCallback(
    (id: number | null, zoom: boolean) => {
      setZoomTarget(zoom ? id : null);
      setParams(id === null ? {} : { node: String(id) }, { replace: true });
    },
    [setParams],
  );

  const district = config.data?.district;
  const districtNode = tree.data?.find((n) => n.code === district?.code);
  const byId = useMemo(() => new Map((tree.data ?? []).map((n) => [n.id, n])), [tree.data]);
  const nameOf = useCallback(
    (id: number, fallback: string) => {
      const node = byId.get(id);
      return node ? nodeLabel(node, i18n.language) : fallback;
    },
    [byId, i18n.language],
  );
  const isDemo = district?.isDemo ?? tree.data?.some((n) => n.isDemo) ?? false;
  const mapError = grids.error ?? streets.error;

  return (
    <div className="org-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('org.treeTitle')}
        </Typography.Title>
        {district && (
          <Typography.Text type="secondary">
            {districtNode ? nodeLabel(districtNode, i18n.language) : district.name}
          </Typography.Text>
        )}
        {isDemo && (
          <Tag color="orange" data-testid="demo-tag">
            {t('common.demo')}
          </Tag>
        )}
      </div>
      <div className="org-body">
        <section className="org-side" aria-label={t('org.treeTitle')}>
          {tree.isPending && <PageSpin />}
          {tree.isError && <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />}
          {tree.data && (
            <OrgTreePanel nodes={tree.data} selectedId={selectedId} onSelect={(id) => select(id, true)} />
          )}
        </section>
        <section className="org-map-area" aria-label={t('org.mapLabel')}>
          {mapError && (
            <ErrorAlert
              error={mapError}
              onRetry={() => {
                void grids.refetch();
                void streets.refetch();
              }}
            />
          )}
          {config.isPending ? (
            <PageSpin />
          ) : (
            <OrgMap
              grids={grids.data}
              streets={streets.data}
              tileUrl={config.data?.tileUrl ?? null}
              center={district?.center ?? null}
              selectedId={selectedId}
              focus={focus}
              onSelectGrid={(id) => select(id, false)}
            />
          )}
          <div className="org-legend">
            <span className="legend-swatch legend-grid" /> {t('org.legendGrid')}
            <span className="legend-swatch legend-street" /> {t('org.legendStreet')}
          </div>
          <div className="org-detail-slot">
            <NodeDetailPanel id={selectedId} nameOf={nameOf} onClose={() => select(null, false)} />
          </div>
        </section>
      </div>
    </div>
  );
}
