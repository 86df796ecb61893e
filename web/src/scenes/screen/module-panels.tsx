import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { listWatched } from '../../api/care.ts';
import { request } from '../../api/client.ts';
import { rectificationQuery, useInspections } from '../../api/inspections.ts';
import { useMe } from '../../api/queries.ts';
import type { Period } from '../../api/stats.ts';
import { fetchDevices } from '../care-devices/care-devices-api.ts';

/** Figures in a row, each a label over a number; `warn` marks the ones a duty officer must act on. */
function Figures({ items }: { items: { key: string; label: string; value: number; warn?: boolean }[] }) {
  return (
    <div className="screen-figures">
      {items.map((i) => (
        <div
          key={i.key}
          className={i.warn && i.value > 0 ? 'screen-figure warn' : 'screen-figure'}
          data-testid={`screen-fig-${i.key}`}
        >
          <Statistic title={i.label} value={i.value} />
        </div>
      ))}
    </div>
  );
}

function Panel({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Card size="small" title={title} className="screen-card" data-testid={testId}>
      {children ?? <Skeleton active paragraph={{ rows: 1 }} />}
    </Card>
  );
}

/** How many rows of the rectification list are in a state (the list answers its total). */
const rectTotal = (org: string, state: 'active' | 'overdue' | 'struck_off') =>
  request<{ total: number }>(
    'GET',
    `/api/rectifications${rectificationQuery({ org, state }, { limit: 1 })}`,
  ).then((r) => r.total);

/**
 * Inspections of the period (晨查, 督查, 暗访 the caller may see) and the rectification list of the area: the
 * inspections and rectification routes, for callers who read inspections.
 */
export function InspectionPanel({ org, period }: { org: string; period: Period }) {
  const { t } = useTranslation();
  const inspections = useInspections(period.from, period.to);
  const rect = useQuery({
    queryKey: ['screen', 'rectifications', org],
    queryFn: async () => ({
      active: await rectTotal(org, 'active'),
      overdue: await rectTotal(org, 'overdue'),
      struckOff: await rectTotal(org, 'struck_off'),
    }),
    refetchInterval: 120_000,
  });
  const list = inspections.data;
  return (
    <Panel title={t('screen.inspections')} testId="screen-inspections">
      {list && rect.data ? (
        <Figures
          items={[
            {
              key: 'inspections',
              label: t('screen.inspectionsHeld'),
              value: list.filter((i) => i.state === 'submitted').length,
            },
            {
              key: 'failed',
              label: t('screen.itemsFailed'),
              value: list.reduce((n, i) => n + i.itemsFailed, 0),
            },
            { key: 'rect-active', label: t('rect.stateFilter.active'), value: rect.data.active },
            {
              key: 'rect-overdue',
              label: t('rect.stateFilter.overdue'),
              value: rect.data.overdue,
              warn: true,
            },
            { key: 'rect-struck', label: t('rect.stateFilter.struck_off'), value: rect.data.struckOff },
          ]}
        />
      ) : null}
    </Panel>
  );
}

/** The care watch of the area (the watch list's route, for callers who watch): watched, alerts, unseen. */
export function CarePanel({ org }: { org: string }) {
  const { t } = useTranslation();
  const watched = useQuery({
    queryKey: ['screen', 'care', org],
    queryFn: () => listWatched(org),
    refetchInterval: 60_000,
  });
  const w = watched.data;
  return (
    <Panel title={t('screen.care')} testId="screen-care">
      {w ? (
        <Figures
          items={[
            { key: 'watched', label: t('screen.watched'), value: w.length },
            {
              key: 'alerts',
              label: t('screen.openAlerts'),
              value: w.filter((x) => x.alert !== null).length,
              warn: true,
            },
            {
              key: 'unseen',
              label: t('screen.unseen'),
              value: w.filter((x) => x.overdue).length,
              warn: true,
            },
          ]}
        />
      ) : null}
    </Panel>
  );
}

/** The health of the area's care devices (the registry's route, for callers who read devices). */
export function DevicePanel({ org }: { org: string }) {
  const { t } = useTranslation();
  const devices = useQuery({
    queryKey: ['screen', 'devices', org],
    queryFn: () => fetchDevices({ org }),
    refetchInterval: 60_000,
  });
  const d = devices.data?.filter((x) => x.health !== 'retired');
  return (
    <Panel title={t('screen.devices')} testId="screen-devices">
      {d ? (
        <Figures
          items={[
            { key: 'devices', label: t('screen.devicesAll'), value: d.length },
            {
              key: 'devices-ok',
              label: t('careDevices.ok'),
              value: d.filter((x) => x.health === 'ok').length,
            },
            {
              key: 'devices-silent',
              label: t('careDevices.silent'),
              value: d.filter((x) => x.health === 'silent').length,
              warn: true,
            },
          ]}
        />
      ) : null}
    </Panel>
  );
}

/** The module panels the caller's permissions open: each module's own route decides what it answers. */
export function ModulePanels({ org, period }: { org: string; period: Period }) {
  const can = useMe().data?.can;
  if (!can) return null;
  return (
    <>
      {can['inspection.read'] && <InspectionPanel org={org} period={period} />}
      {can['care.watch'] && <CarePanel org={org} />}
      {can['device.read'] && <DevicePanel org={org} />}
    </>
  );
}
