import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { request } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { useSession } from '../session.tsx';
import type { CaseListRow } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { TaskItem } from './task-item.tsx';

const OPEN = 'reported,verifying,filed,dispatched,pending_check';
const CARE_CATEGORY = '12.01';
const TABS = ['checks', 'care', 'open'] as const;
type Tab = (typeof TABS)[number];

interface List {
  rows: CaseListRow[];
  more: boolean;
}

async function listCases(query: string): Promise<List> {
  const res = await request<{ data: CaseListRow[]; nextCursor: string | null }>(
    'GET',
    `/api/cases?${query}&limit=50`,
  );
  return { rows: res.body.data, more: res.body.nextCursor !== null };
}

/** The three lists of a grid worker: checks to do, care alerts, and every open case in their grids. */
async function loadTasks(grids: string): Promise<Record<Tab, List>> {
  const org = `org=${grids}`;
  const [checks, care, open] = await Promise.all([
    listCases(`${org}&state=pending_check&sort=deadline_at&order=asc`),
    listCases(`${org}&category=${CARE_CATEGORY}&state=${OPEN}`),
    listCases(`${org}&state=${OPEN}`),
  ]);
  return { checks, care, open };
}

function TaskLists({ grids }: { grids: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'checks';
  const tasks = useLoad(grids, () => loadTasks(grids));

  return (
    <>
      <div className="m-row">
        <Link className="m-btn m-grow" to="/patrol" data-testid="tasks-patrol">
          <Icon name="camera" size={20} />
          {t('tasks.patrol')}
        </Link>
        <Link className="m-btn m-grow" to="/grid" data-testid="tasks-map">
          <Icon name="map" size={20} />
          {t('tasks.map')}
        </Link>
      </div>
      <div className="m-tabs" role="tablist" aria-label={t('tasks.title')}>
        {TABS.map((k) => {
          const list = tasks.data?.[k];
          return (
            <button
              key={k}
              type="button"
              role="tab"
              id={`tab-${k}`}
              aria-selected={tab === k}
              aria-controls="task-panel"
              className="m-tab"
              onClick={() => setParams({ tab: k }, { replace: true })}
              data-testid={`tasks-tab-${k}`}
            >
              {t(`tasks.${k}`)}
              {list && (
                <span
                  className={list.rows.length ? 'm-count m-count-on' : 'm-count'}
                  data-testid={`tasks-count-${k}`}
                >
                  {list.rows.length}
                  {list.more ? '+' : ''}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div id="task-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tasks.loading && !tasks.data && <Loading />}
        {tasks.error !== null && !tasks.loading && <ErrorNotice error={tasks.error} onRetry={tasks.reload} />}
        {tasks.data &&
          (tasks.data[tab].rows.length === 0 ? (
            <Empty>{t(`tasks.empty.${tab}`)}</Empty>
          ) : (
            <ul className="m-list">
              {tasks.data[tab].rows.map((row) => (
                <TaskItem key={row.id} row={row} />
              ))}
            </ul>
          ))}
        {tasks.data && (
          <button
            type="button"
            className="m-btn m-btn-ghost m-btn-block"
            onClick={tasks.reload}
            disabled={tasks.loading}
          >
            {tasks.loading ? t('common.loading') : t('tasks.refresh')}
          </button>
        )}
      </div>
    </>
  );
}

/** /m/tasks: the grid worker's task lists. */
export default function TasksPage() {
  const { t } = useTranslation();
  const { gridCodes } = useSession();
  return (
    <Page title={t('tasks.title')} back="/" testId="tasks-page">
      <RequireGridWorker>
        <TaskLists grids={gridCodes.join(',')} />
      </RequireGridWorker>
    </Page>
  );
}
