import '../dashboard/dashboard.css';
import './screen.css';
import { ArrowLeftOutlined, ExpandOutlined, LogoutOutlined } from '@ant-design/icons';
import type { OrgLevel } from '@civicgrid/shared';
import { Button, ConfigProvider, Empty, Segmented, Select, theme } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import type { OrgFeatureProps } from '../../api/queries.ts';
import { useMe } from '../../api/queries.ts';
import { useNodeStats, useOrgGeojsonUnder } from '../../api/stats.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { districtDay } from '../../components/format-time.ts';
import { PageSpin } from '../../components/page-spin.tsx';
import { DASHBOARD_ROLES, widestScope } from '../../components/user-roles.ts';
import { KpiCards } from '../dashboard/kpi-cards.tsx';
import { colouredFeatures, METRICS, type Metric, metricLabel } from '../dashboard/map-layers.ts';
import { MapLegend } from '../dashboard/map-legend.tsx';
import { periodOf } from '../dashboard/period.ts';
import { TrendChart } from '../dashboard/trend-chart.tsx';
import { PopulationPanel } from '../people/population-panel.tsx';
import { ModulePanels } from './module-panels.tsx';
import { RollingCases } from './rolling-cases.tsx';
import { ScreenMap } from './screen-map.tsx';
import { type ScreenPoint, useScreenStream } from './use-screen-stream.ts';

interface Crumb {
  code: string;
  name: string;
  level: OrgLevel;
}

const CHILD: Record<OrgLevel, OrgLevel> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: 'grid',
};
/** The live points kept on the map (the newest); older ones are in the period's points anyway. */
const LIVE_KEPT = 500;

// Ant Design's dark algorithm with the grey texts lifted so they keep WCAG AA contrast on the dark panels.
const SCREEN_THEME = {
  algorithm: theme.darkAlgorithm,
  token: {
    colorPrimary: '#1f5fbf',
    colorBgLayout: '#06101f',
    colorBgContainer: '#0c1d38',
    colorBgElevated: '#132a4f',
    colorBorderSecondary: '#1d3a66',
    colorTextSecondary: 'rgba(255, 255, 255, 0.78)',
    colorTextDescription: 'rgba(255, 255, 255, 0.78)',
    colorTextTertiary: 'rgba(255, 255, 255, 0.72)',
    colorTextPlaceholder: 'rgba(255, 255, 255, 0.72)',
    borderRadius: 6,
  },
};

/** The clock of the command centre, in district time. */
function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const time = now.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <span className="screen-clock" data-testid="screen-clock">
      {districtDay(now)} {time}
    </span>
  );
}

/**
 * 大屏: the "一张图" of the caller's widest area for the command centre's 1920×1080 screen — no console frame, a
 * dark theme, the map coloured by a chosen KPI with the live case stream on it, KPI cards, the daily trend,
 * population, the newest and the overdue cases rolling, and the inspection, care and device panels the
 * caller's permissions open. The period and the colouring stay in the address, so a saved link reopens it.
 */
export function ScreenPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const kind = params.get('period') === 'week' ? 'week' : 'month';
  const metricParam = params.get('metric') as Metric | null;
  const metric: Metric = metricParam && METRICS.includes(metricParam) ? metricParam : 'total';
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const period = useMemo(() => periodOf(kind, null), [kind]);
  const root = widestScope(me.data, DASHBOARD_ROLES);
  const [path, setPath] = useState<Crumb[]>([]);
  const current: Crumb | null = path.at(-1) ?? (root ? { ...root } : null);
  const level = current ? CHILD[current.level] : 'street';
  const canDrill = !!current && current.level !== 'grid';
  const polygons = useOrgGeojsonUnder(level, current?.code ?? '');
  const stats = useNodeStats(level, current?.code ?? '', period);
  const areas = useMemo(
    () => colouredFeatures(polygons.data, stats.data ?? [], metric),
    [polygons.data, stats.data, metric],
  );
  const max = Math.max(0, ...(stats.data ?? []).map((s) => s.total));

  const [live, setLive] = useState<ScreenPoint[]>([]);
  // a new area or period starts an empty live layer: the period's points are loaded for it anyway
  // biome-ignore lint/correctness/useExhaustiveDependencies: the reset is what the dependencies trigger
  useEffect(() => setLive([]), [current?.code, period]);
  const onPoint = useCallback(
    (p: ScreenPoint) => {
      setLive((list) => {
        const known = list.some((x) => x.id === p.id);
        // a case reported before the period changes on the map only if it is already there
        if (!known && districtDay(new Date(p.reportedAt)) < period.from) return list;
        return [...list.filter((x) => x.id !== p.id), p].slice(-LIVE_KEPT);
      });
    },
    [period],
  );
  const open = useScreenStream(current?.code ?? null, onPoint);

  if (me.isPending) return <PageSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
    return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  }
  const drill = (area: Pick<OrgFeatureProps, 'code' | 'name'>) => {
    if (!canDrill || !root || area.code === current?.code) return;
    setPath([...(path.length ? path : [root]), { code: area.code, name: area.name, level }]);
  };

  return (
    <ConfigProvider theme={SCREEN_THEME}>
      {!current || !root ? (
        <main className="screen screen-empty">
          <Empty description={t('dashboard.noScope')} data-testid="screen-no-scope" />
        </main>
      ) : (
        <div
          className="screen"
          data-testid="screen-page"
          data-level={current.level}
          data-code={current.code}
          data-live={open}
        >
          <header className="screen-head">
            <h1 className="screen-title">
              {current.name} · {t('screen.title')}
            </h1>
            <div className="screen-tools">
              <span
                className={open ? 'screen-live on' : 'screen-live'}
                data-testid="screen-live"
                role="status"
              >
                {open ? t('screen.live') : t('screen.reconnecting')}
              </span>
              <Segmented
                value={kind}
                onChange={(v) => setParam('period', String(v))}
                aria-label={t('dashboard.period')}
                options={[
                  { value: 'week', label: t('dashboard.week') },
                  { value: 'month', label: t('dashboard.month') },
                ]}
              />
              <Select
                value={metric}
                onChange={(v) => setParam('metric', v)}
                aria-label={t('dashboard.metric')}
                data-testid="screen-metric"
                popupMatchSelectWidth={false}
                style={{ minWidth: 150 }}
                options={METRICS.map((m) => ({ value: m, label: metricLabel(t, m) }))}
              />
              {path.length > 1 && (
                <Button
                  icon={<ArrowLeftOutlined />}
                  onClick={() => setPath(path.slice(0, -1))}
                  data-testid="screen-up"
                >
                  {t('screen.up')}
                </Button>
              )}
              <Button
                icon={<ExpandOutlined />}
                onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
              >
                {t('screen.fullscreen')}
              </Button>
              <Link to="/dashboard" className="screen-exit" data-testid="screen-exit">
                <LogoutOutlined /> {t('screen.exit')}
              </Link>
              <Clock />
            </div>
          </header>
          <main className="screen-body">
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a column taller than a smaller display scrolls, and keyboards must reach it (axe scrollable-region-focusable) */}
            <section className="screen-col" aria-label={t('screen.figures')} tabIndex={0}>
              <KpiCards org={current.code} period={period} />
              <div className="screen-card-trend">
                <TrendChart org={current.code} period={period} dark />
              </div>
              <PopulationPanel code={current.code} />
            </section>
            <section className="screen-centre" aria-label={t(`dashboard.mapOf.${level}`)}>
              <h2 className="screen-map-title">
                {t(`dashboard.mapOf.${level}`)} · {metricLabel(t, metric)}
              </h2>
              <ScreenMap
                areas={polygons.data ? areas : undefined}
                metric={metric}
                max={max}
                focusKey={current.code}
                period={period}
                live={live}
                canDrill={canDrill}
                onDrill={drill}
              />
              <MapLegend
                metric={metric}
                max={max}
                prefix="screen"
                testId="screen-legend"
                points={{ kind: 'live', label: t('screen.livePoints') }}
              />
            </section>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: as the left column */}
            <section className="screen-col" aria-label={t('screen.cases')} tabIndex={0}>
              <RollingCases
                title={t('screen.recent')}
                testId="screen-recent"
                time="reported"
                filters={{ org: current.code, from: period.from, to: period.to }}
              />
              <RollingCases
                title={t('screen.overdue')}
                testId="screen-overdue"
                time="deadline"
                filters={{ org: current.code, overdue: true, sort: 'deadline_at', order: 'asc' }}
              />
              <ModulePanels org={current.code} period={period} />
            </section>
          </main>
        </div>
      )}
    </ConfigProvider>
  );
}
