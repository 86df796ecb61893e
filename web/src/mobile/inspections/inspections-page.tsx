import { INSPECTION_KIND_LABELS } from '@civicgrid/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { useLoad } from '../use-load.ts';
import { loadKept } from './cache.ts';
import type { InspectionSummary } from './types.ts';
import './inspections.css';

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** /m/inspections: the inspections the caller leads or walks with, a week back and a week ahead. */
export default function InspectionsPage() {
  const { t, i18n } = useTranslation();
  const path = `/api/inspections?from=${day(-7)}&to=${day(7)}&mine=true`;
  const list = useLoad(path, () => loadKept<InspectionSummary[]>(path));
  const en = i18n.language === 'en-US';
  // what is still to walk first (soonest first), then what was walked (latest first)
  const open = (list.data?.data ?? []).filter((i) => i.state !== 'submitted');
  const done = (list.data?.data ?? []).filter((i) => i.state === 'submitted').reverse();
  return (
    <Page title={t('inspections.title')} back="/" testId="inspections-page">
      {list.loading && <Loading />}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.data?.kept && <p className="m-notice m-notice-warn">{t('inspections.offlineCopy')}</p>}
      {list.data && list.data.data.length === 0 && <Empty>{t('inspections.none')}</Empty>}
      <ul className="m-list">
        {[...open, ...done].map((i) => (
          <li key={i.id}>
            <Link className="m-card m-card-link" to={`/inspections/${i.id}`} data-testid="inspection-item">
              <span className="m-row-between">
                <span className="i-kind">
                  {en ? INSPECTION_KIND_LABELS[i.kind].en : INSPECTION_KIND_LABELS[i.kind].zh}
                </span>
                <span className={`i-state i-state-${i.state}`}>{t(`inspections.state.${i.state}`)}</span>
              </span>
              <span className="m-card-title">{i.title}</span>
              <span className="m-meta">
                {i.plannedOn} {i.plannedTime ?? ''} · {t('inspections.points', { n: i.stops })}
                {i.score !== null && ` · ${t('inspections.score', { score: i.score })}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
