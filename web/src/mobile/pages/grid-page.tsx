import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getData, request } from '../api.ts';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { useSession } from '../session.tsx';
import { TaskItem } from '../tasks/task-item.tsx';
import type { CaseListRow, OrgFeatures, PublicConfig } from '../types.ts';
import { useLoad } from '../use-load.ts';

// maplibre is loaded only on this page (and the report page's map picker)
const GridMap = lazy(() => import('../map/grid-map.tsx'));

const OPEN = 'reported,verifying,filed,dispatched,pending_check';

async function loadGrid(grids: string) {
  const [geo, cases, config] = await Promise.all([
    // a bare FeatureCollection, not wrapped in { data }
    request<OrgFeatures>('GET', '/api/org/geojson?level=grid').then((r) => r.body),
    request<{ data: CaseListRow[] }>('GET', `/api/cases?org=${grids}&state=${OPEN}&limit=100`),
    getData<PublicConfig>('/api/config').catch(() => null),
  ]);
  // the API answers every grid the grants reach; the map shows the worker's own
  const codes = grids.split(',');
  const own = {
    ...geo,
    features: geo.features.filter((f) => codes.some((c) => f.properties.code.startsWith(c))),
  };
  return { grids: own, cases: cases.body.data, tileUrl: config?.tileUrl ?? null };
}

function GridView({ grids }: { grids: string }) {
  const { t } = useTranslation();
  const data = useLoad(grids, () => loadGrid(grids));
  const [selected, setSelected] = useState<number | null>(null);
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <ErrorNotice error={data.error} onRetry={data.reload} />;
  const { cases } = data.data;
  const chosen = cases.find((c) => c.id === selected);
  const names = data.data.grids.features.map((f) => f.properties.name).join('、');
  return (
    <div className="m-stack">
      <p className="m-hint">
        {names} · {t('grid.caseCount', { n: cases.length })}
      </p>
      <Suspense fallback={<Loading />}>
        <GridMap grids={data.data.grids} cases={cases} tileUrl={data.data.tileUrl} onSelect={setSelected} />
      </Suspense>
      <p className="m-hint">{t('grid.legend')}</p>
      {chosen && (
        <ul className="m-list" data-testid="grid-selected">
          <TaskItem row={chosen} />
        </ul>
      )}
      {cases.length === 0 ? (
        <Empty>{t('grid.noCases')}</Empty>
      ) : (
        <ul className="m-list">
          {cases
            .filter((c) => c.id !== selected)
            .map((c) => (
              <TaskItem key={c.id} row={c} />
            ))}
        </ul>
      )}
    </div>
  );
}

/** /m/grid: my grid on the map with the open cases as points. */
export default function GridPage() {
  const { t } = useTranslation();
  const { gridCodes } = useSession();
  return (
    <Page title={t('grid.title')} back="/tasks" testId="grid-page">
      <RequireGridWorker>
        <GridView grids={gridCodes.join(',')} />
      </RequireGridWorker>
    </Page>
  );
}
