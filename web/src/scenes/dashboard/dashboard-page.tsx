import './dashboard.css';
import { DesktopOutlined } from '@ant-design/icons';
import type { OrgLevel } from '@civicgrid/shared';
import { Breadcrumb, Button, Card, Empty, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { OrgFeatureProps } from '../../api/queries.ts';
import { useMe } from '../../api/queries.ts';
import { type Period, useNodeStats, useOrgGeojsonUnder } from '../../api/stats.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { DASHBOARD_ROLES, hasAnyRole, rolesOf, widestScope } from '../../components/user-roles.ts';
import { PopulationPanel } from '../people/population-panel.tsx';
import { DashboardMap } from './dashboard-map.tsx';
import { KpiCards } from './kpi-cards.tsx';
import { colouredFeatures, METRICS, type Metric, metricLabel } from './map-layers.ts';
import { MapLegend } from './map-legend.tsx';
import { NodeTable } from './node-table.tsx';
import { type PeriodKind, periodOf } from './period.ts';
import { PeriodPicker } from './period-picker.tsx';
import { TrendChart } from './trend-chart.tsx';
import { VisitCoverageCard } from './visit-coverage-card.tsx';

interface Crumb {
  code: string;
  name: string;
  level: OrgLevel;
}

// who may download the 80+ list (people.read): the archive's readers, not the district's desk or leaders
const PEOPLE_ROLES = ['district_admin', 'street_staff', 'community_staff'] as const;

const CHILD: Record<OrgLevel, OrgLevel> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: 'grid',
};

/**
 * "一张图": the map of the current node's children coloured by case count, area score or any KPI for a period,
 * live case points, KPI cards and the daily trend; click a polygon (or a name in the table) to go one level
 * down, the breadcrumb to go back up.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const root = widestScope(me.data, DASHBOARD_ROLES);
  const [path, setPath] = useState<Crumb[]>([]);
  const [kind, setKind] = useState<PeriodKind>('month');
  const [custom, setCustom] = useState<Period | null>(null);
  const [metric, setMetric] = useState<Metric>('total');
  const period = useMemo(() => periodOf(kind, custom), [kind, custom]);
  const current: Crumb | null = path[path.length - 1] ?? (root ? { ...root } : null);
  const level = current ? CHILD[current.level] : 'street';
  const canDrill = !!current && current.level !== 'grid';
  const polygons = useOrgGeojsonUnder(level, current?.code ?? '');
  const stats = useNodeStats(level, current?.code ?? '', period);
  const areas = useMemo(
    () => colouredFeatures(polygons.data, stats.data ?? [], metric),
    [polygons.data, stats.data, metric],
  );
  const max = Math.max(0, ...(stats.data ?? []).map((s) => s.total));

  if (me.isPending) return <PageSpin />;
  if (!current || !root)
    return <Empty description={t('dashboard.noScope')} data-testid="dashboard-no-scope" />;

  const drill = (area: Pick<OrgFeatureProps, 'code' | 'name'>) => {
    if (!canDrill || area.code === current.code) return;
    setPath([...(path.length ? path : [root]), { code: area.code, name: area.name, level }]);
  };
  const crumbs = path.length ? path : [root];

  return (
    <div
      className="page dashboard-page"
      data-testid="dashboard-page"
      data-level={current.level}
      data-code={current.code}
    >
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('dashboard.title')}
        </Typography.Title>
        <div className="page-head-tools">
          <PeriodPicker kind={kind} onKind={setKind} onRange={setCustom} />
          <Button
            icon={<DesktopOutlined />}
            onClick={() => navigate('/screen')}
            data-testid="dashboard-screen"
          >
            {t('screen.open')}
          </Button>
        </div>
      </div>
      <Breadcrumb
        className="dash-breadcrumb"
        data-testid="dashboard-breadcrumb"
        items={crumbs.map((c, i) => ({
          key: c.code,
          title:
            i < crumbs.length - 1 ? (
              <a
                href={`#${c.code}`}
                onClick={(e) => {
                  e.preventDefault();
                  setPath(crumbs.slice(0, i + 1));
                }}
                data-testid="crumb"
              >
                {c.name}
              </a>
            ) : (
              <span data-testid="crumb-current">{c.name}</span>
            ),
        }))}
      />
      <KpiCards org={current.code} period={period} />
      <div className="dash-body">
        <Card
          size="small"
          className="dash-map-card"
          title={t(`dashboard.mapOf.${level}`)}
          extra={
            <Select
              size="small"
              value={metric}
              onChange={(v) => setMetric(v)}
              aria-label={t('dashboard.metric')}
              data-testid="dashboard-metric"
              popupMatchSelectWidth={false}
              style={{ minWidth: 140 }}
              options={METRICS.map((m) => ({ value: m, label: metricLabel(t, m) }))}
            />
          }
        >
          {polygons.isError && <ErrorAlert error={polygons.error} onRetry={() => void polygons.refetch()} />}
          <DashboardMap
            areas={polygons.data ? areas : undefined}
            metric={metric}
            max={max}
            focusKey={current.code}
            period={period}
            canDrill={canDrill}
            onDrill={drill}
          />
          <MapLegend
            metric={metric}
            max={max}
            prefix="dash"
            testId="dashboard-legend"
            points={{ kind: 'point', label: t('dashboard.points') }}
          />
          {stats.data === null && (
            <Typography.Text type="secondary">{t('dashboard.statsUnavailable')}</Typography.Text>
          )}
        </Card>
        <div className="dash-side">
          <Card size="small" title={t('trend.title')}>
            <TrendChart org={current.code} period={period} />
          </Card>
          <PopulationPanel code={current.code} />
          <Card size="small" title={t(`dashboard.tableOf.${level}`)}>
            {stats.isError ? (
              <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
            ) : (
              <NodeTable
                stats={stats.data ?? []}
                loading={stats.isPending}
                canDrill={canDrill}
                onDrill={drill}
                metric={metric}
              />
            )}
          </Card>
          <VisitCoverageCard org={current.code} canExport={hasAnyRole(rolesOf(me.data), PEOPLE_ROLES)} />
        </div>
      </div>
    </div>
  );
}
