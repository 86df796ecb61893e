import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { getData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { useLoad } from '../use-load.ts';
import './visits.css';
import { NeedCard } from './need-card.tsx';
import { VisitForm } from './visit-form.tsx';
import type { HouseholdDetail } from './visit-types.ts';

function Household({ id }: { id: string }) {
  const { t } = useTranslation();
  const h = useLoad(id, () => getData<HouseholdDetail>(`/api/visits/households/${id}`));
  if (h.loading && !h.data) return <Loading />;
  if (!h.data) return <ErrorNotice error={h.error} onRetry={h.reload} />;
  const d = h.data;
  return (
    <div className="m-stack">
      <section className="m-card" aria-label={t('visits.household')} data-testid="household-card">
        <p className="m-card-title">
          {d.building ?? d.gridName} · {d.head ?? '—'}
        </p>
        <p className="m-meta">{d.address}</p>
        <p className="m-meta">
          {d.gridName} ·{' '}
          {d.lastVisitAt
            ? t('visits.lastVisit', { date: formatDateTime(d.lastVisitAt) })
            : t('visits.neverVisited')}
        </p>
        <ul className="m-members" aria-label={t('visits.residents')}>
          {d.members.map((m) => (
            <li key={m.id}>
              {m.name ?? '—'}
              {m.gender && ` · ${t(`visits.gender.${m.gender}`)}`}
              {m.age !== null && ` · ${t('visits.age', { age: m.age })}`}
            </li>
          ))}
        </ul>
      </section>
      <section className="m-section" aria-labelledby="record-title">
        <h2 id="record-title">{t('visits.record')}</h2>
        <VisitForm household={d} onSaved={h.reload} />
      </section>
      <section className="m-section" aria-labelledby="history-title">
        <h2 id="history-title">{t('visits.history')}</h2>
        {d.visits.length === 0 ? (
          <Empty>{t('visits.noHistory')}</Empty>
        ) : (
          <ul className="m-list">
            {d.visits.map((v) => (
              <li key={v.id} className="m-card" data-testid="visit-item">
                <p className="m-row-between">
                  <span className="m-card-title">{t(`visits.kind.${v.kind}`)}</span>
                  {v.distanceM !== null && (
                    <span className={v.far ? 'm-field-error' : 'm-meta'}>
                      {t(v.far ? 'visits.far' : 'visits.near', { m: v.distanceM })}
                    </span>
                  )}
                </p>
                <p className="m-meta">
                  {t('visits.by', { name: v.visitorName, date: formatDateTime(v.visitedAt) })}
                </p>
                {v.notes && <p className="m-desc">{v.notes}</p>}
                {v.needs.map((n) => (
                  <NeedCard key={n.id} need={n} onReplied={h.reload} />
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** /m/visits/:id: a household of my grid, recording a visit, its history and the replies owed. */
export default function HouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Page title={t('visits.household')} back="/visits" testId="household-page">
      <RequireGridWorker>
        <Household id={id} />
      </RequireGridWorker>
    </Page>
  );
}
