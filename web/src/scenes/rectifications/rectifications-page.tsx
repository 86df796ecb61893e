import { Button, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  type RectificationFilters,
  type RectificationRow,
  rectificationQuery,
  useRectifications,
} from '../../api/inspections.ts';
import { useMe, useOrgTree, useUnits } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { KindTag } from '../inspections/kind-tag.tsx';
import { BulletinItemModal } from './bulletin-item-modal.tsx';
import { RecheckModal } from './recheck-modal.tsx';
import './rectifications.css';

const STATE_COLOR = {
  open: 'processing',
  overdue: 'error',
  awaiting_recheck: 'warning',
  struck_off: 'success',
} as const;
const STATES = ['active', 'overdue', 'struck_off', 'all'] as const;
// the server counts up to this many rows (rectifications/queries.ts COUNT_CAP)
const COUNT_CAP = 10_000;

/** Reads the list's filters from the address, so a view can be linked to and printed as it is. */
function useFilters(): [RectificationFilters, (f: RectificationFilters) => void] {
  const [params, setParams] = useSearchParams();
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const state = params.get('state');
  const f: RectificationFilters = {
    inspectionId: num('inspectionId'),
    org: params.get('org') ?? undefined,
    unitId: num('unitId'),
    state: (STATES as readonly string[]).includes(state ?? '')
      ? (state as RectificationFilters['state'])
      : 'active',
  };
  return [f, (next) => setParams(new URLSearchParams(rectificationQuery(next).slice(1)))];
}

/** The rectification list (整改清单): by inspection, street and unit; re-check, export .xlsx, print on A4. */
export function RectificationsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const me = useMe().data;
  const [f, setF] = useFilters();
  const list = useRectifications(f);
  const streets = (useOrgTree().data ?? []).filter((n) => n.level === 'street');
  const units = useUnits(true).data ?? [];
  const [rechecking, setRechecking] = useState<RectificationRow | null>(null);
  const [entering, setEntering] = useState(false);
  const mayRecheck = me?.can['inspection.run'] ?? false;
  const street = streets.find((s) => s.code === f.org)?.name ?? '';

  const columns: TableColumnsType<RectificationRow> = [
    { title: '#', key: 'n', width: 44, render: (_v, _r, i) => i + 1 },
    {
      title: t('rect.origin'),
      key: 'origin',
      width: 150,
      render: (_v, r) =>
        r.origin === 'bulletin' ? (
          <>
            <Tag>{t('rect.bulletin')}</Tag>
            <div className="rect-sub">{r.originRef}</div>
          </>
        ) : (
          <>
            <KindTag kind={r.origin} />
            <div className="rect-sub">
              {r.inspectedOn} {r.inspectionTitle}
            </div>
          </>
        ),
    },
    { title: t('rect.point'), key: 'point', render: (_v, r) => r.pointName ?? r.areaName },
    {
      title: t('rect.problem'),
      key: 'problem',
      render: (_v, r) => (
        <>
          {r.itemText ?? r.description}
          <div className="rect-sub">{en ? r.categoryNameEn : r.categoryNameZh}</div>
        </>
      ),
    },
    { title: t('rect.street'), dataIndex: 'streetName', width: 100 },
    { title: t('rect.leader'), dataIndex: 'leaderName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('rect.unit'), dataIndex: 'unitName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('rect.deadline'), dataIndex: 'deadlineOn', width: 100 },
    {
      title: t('rect.case'),
      key: 'case',
      width: 90,
      render: (_v, r) =>
        r.caseId ? (
          <>
            <Link to={`/cases/${r.caseId}`}>#{r.caseId}</Link>
            {r.linkedExisting && <div className="rect-sub">{t('rect.linked')}</div>}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('rect.recheck'),
      key: 'state',
      width: 130,
      render: (_v, r) => (
        <>
          <Tag color={STATE_COLOR[r.state]} data-testid="rect-state">
            {t(`rect.state.${r.state}`)}
          </Tag>
          {r.recheckAt && r.recheckPassed === false && (
            <div className="rect-sub">{t('rect.recheckFailed')}</div>
          )}
          {mayRecheck && r.state !== 'struck_off' && (
            <Button
              size="small"
              className="no-print"
              onClick={() => setRechecking(r)}
              data-testid="recheck-open"
            >
              {t('rect.recheckAction')}
            </Button>
          )}
        </>
      ),
    },
  ];

  return (
    <div className="page rect-page" data-testid="rectifications-page">
      <div className="page-head no-print">
        <Typography.Title level={2} className="page-title">
          {t('rect.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('rect.hint')}</Typography.Text>
      </div>
      <div className="print-only rect-print-head">
        <h1>{t('rect.printTitle', { scope: street })}</h1>
        <p>
          {t('rect.printedAt', {
            at: new Date().toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai' }),
          })}
        </p>
      </div>
      <Space wrap className="no-print rect-filters">
        <Select
          value={f.state}
          style={{ width: 130 }}
          onChange={(state) => setF({ ...f, state })}
          options={STATES.map((s) => ({ value: s, label: t(`rect.stateFilter.${s}`) }))}
          aria-label={t('rect.filters.state')}
          data-testid="rect-state-filter"
        />
        <Select
          allowClear
          placeholder={t('rect.filters.street')}
          aria-label={t('rect.filters.street')}
          value={f.org}
          style={{ width: 160 }}
          onChange={(org) => setF({ ...f, org })}
          options={streets.map((s) => ({ value: s.code, label: s.name }))}
        />
        <Select
          allowClear
          placeholder={t('rect.filters.unit')}
          aria-label={t('rect.filters.unit')}
          value={f.unitId}
          style={{ width: 180 }}
          onChange={(unitId) => setF({ ...f, unitId })}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        {f.inspectionId && (
          <Button onClick={() => setF({ ...f, inspectionId: undefined })}>{t('rect.clear')}</Button>
        )}
        <Button href={`/api/rectifications/export.xlsx${rectificationQuery(f)}`} data-testid="rect-export">
          {t('rect.export')}
        </Button>
        <Button onClick={() => window.print()} data-testid="rect-print">
          {t('rect.print')}
        </Button>
        {mayRecheck && (
          <Button onClick={() => setEntering(true)} data-testid="bulletin-item-open">
            {t('supAdmin.bulletinItem')}
          </Button>
        )}
        <Typography.Text type="secondary">
          {t('rect.total', {
            n: (list.data?.total ?? 0) > COUNT_CAP ? `${COUNT_CAP}+` : (list.data?.total ?? 0),
          })}
        </Typography.Text>
      </Space>
      {list.error && <ErrorAlert error={list.error} />}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.data ?? []}
        loading={list.isPending}
        pagination={false}
        rowClassName={(r) => (r.overdue ? 'rect-overdue' : '')}
        data-testid="rect-table"
      />
      {rechecking && <RecheckModal row={rechecking} onClose={() => setRechecking(null)} />}
      {entering && <BulletinItemModal onClose={() => setEntering(false)} />}
    </div>
  );
}
