import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage, getData, postData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { useLoad } from '../use-load.ts';
import { ActivityPhotoStrip, AddActivityPhotos } from './activity-photos.tsx';
import type { BoardLine, MyActivity, MyVolunteer } from './volunteers-types.ts';
import './volunteers.css';

function stateOf(a: MyActivity): 'none' | 'signedUp' | 'in' | 'out' | 'verified' {
  if (!a.mine) return 'none';
  if (a.mine.verifiedAt) return 'verified';
  if (a.mine.signedOutAt) return 'out';
  if (a.mine.signedInAt) return 'in';
  return 'signedUp';
}

function ActivityCard({ a, onChange }: { a: MyActivity; onChange: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = stateOf(a);
  const ended = new Date(a.endsAt).getTime() < Date.now();
  const [adding, setAdding] = useState(false);
  const signUp = async () => {
    setBusy(true);
    setError(null);
    try {
      await postData('/api/volunteers/me/signups', { activityId: a.id });
      onChange();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const badge =
    state === 'verified' ? 'v-state v-state-done' : state === 'in' ? 'v-state v-state-in' : 'v-state';
  return (
    <li>
      <article className="m-card" data-testid="volunteer-activity">
        <span className="m-row-between">
          <span className="m-card-title">{a.title}</span>
          <span className={badge}>{t(`volunteers.state.${state}`)}</span>
        </span>
        <span className="m-meta">
          {a.typeName} · {a.place}
        </span>
        <span className="m-meta">
          {formatDateTime(a.startsAt)} – {formatDateTime(a.endsAt)} ·{' '}
          {t('volunteers.places', { n: a.signedUp, of: a.capacity })}
        </span>
        {a.mine?.hours != null && (
          <span className="m-meta-strong">{t('volunteers.verifiedHours', { hours: a.mine.hours })}</span>
        )}
        {a.photoIds.length > 0 && <ActivityPhotoStrip ids={a.photoIds} />}
        {error && <p className="m-notice m-notice-error">{error}</p>}
        <div className="v-actions">
          {state === 'none' && !ended && (
            <button
              type="button"
              className="m-btn m-btn-primary m-btn-small"
              disabled={busy || a.signedUp >= a.capacity}
              onClick={() => void signUp()}
              data-testid="volunteer-signup"
            >
              {a.signedUp >= a.capacity ? t('volunteers.full') : t('volunteers.signUp')}
            </button>
          )}
          {(state === 'signedUp' || state === 'in') && !ended && (
            <Link className="m-btn m-btn-small" to="/volunteer/check">
              {state === 'in' ? t('volunteers.signOut') : t('volunteers.signIn')}
            </Link>
          )}
          {a.mayAddPhotos && !adding && (
            <button
              type="button"
              className="m-btn m-btn-small"
              onClick={() => setAdding(true)}
              data-testid="volunteer-add-photos"
            >
              {t('volunteers.addPhotos')}
            </button>
          )}
        </div>
        {adding && (
          <AddActivityPhotos
            activityId={a.id}
            onDone={() => {
              setAdding(false);
              onChange();
            }}
            onCancel={() => setAdding(false)}
          />
        )}
      </article>
    </li>
  );
}

/** /m/volunteer: the volunteer's hours and points, activities to join, the ledger and the community's board. */
export default function VolunteerPage() {
  const { t } = useTranslation();
  const me = useLoad('me', () => getData<MyVolunteer>('/api/volunteers/me'));
  const v = me.data;
  const board = useLoad(v ? v.orgCode : null, () =>
    getData<BoardLine[]>(`/api/volunteers/leaderboard?org=${v!.orgCode}&limit=10`),
  );
  return (
    <Page title={t('volunteers.title')} back="/" testId="volunteer-page">
      {me.loading && !v && <Loading />}
      {me.error instanceof ApiError && me.error.status === 401 ? (
        <Link
          className="m-btn m-btn-primary m-btn-block"
          to={`/login?next=${encodeURIComponent('/volunteer')}`}
        >
          {t('landing.login')}
        </Link>
      ) : me.error ? (
        <ErrorNotice error={me.error} onRetry={me.reload} />
      ) : null}
      {v && (
        <>
          <p className="m-lead">
            {v.name} · {v.orgName} · {t(`volunteers.stage.${v.stage}`)}
          </p>
          <div className="v-summary">
            <div className="v-figure" data-testid="volunteer-points">
              <strong>{v.points}</strong>
              <span>{t('volunteers.points')}</span>
            </div>
            <div className="v-figure" data-testid="volunteer-hours">
              <strong>{v.hours}</strong>
              <span>{t('volunteers.hours')}</span>
            </div>
          </div>
          <nav className="v-actions">
            <Link className="m-btn m-btn-primary" to="/volunteer/check" data-testid="volunteer-check-link">
              {t('volunteers.scan')}
            </Link>
            <Link className="m-btn" to="/report" data-testid="volunteer-report-link">
              {t('volunteers.report')}
            </Link>
          </nav>
          <section className="m-section">
            <h2>{t('volunteers.activities')}</h2>
            {v.activities.length === 0 && <Empty>{t('volunteers.noActivities')}</Empty>}
            <ul className="m-list">
              {v.activities.map((a) => (
                <ActivityCard key={a.id} a={a} onChange={me.reload} />
              ))}
            </ul>
          </section>
          <section className="m-section">
            <h2>{t('volunteers.ledger')}</h2>
            {v.ledger.length === 0 && <Empty>{t('volunteers.noLedger')}</Empty>}
            <ul className="v-ledger" data-testid="volunteer-ledger">
              {v.ledger.map((l) => (
                <li key={l.id}>
                  <span>
                    {t(`volunteers.reason.${l.reason}`)}
                    <br />
                    <span className="m-meta">{formatDateTime(l.createdAt)}</span>
                  </span>
                  <span className={l.delta >= 0 ? 'v-plus' : 'v-minus'}>
                    {l.delta >= 0 ? `+${l.delta}` : l.delta}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section className="m-section">
            <h2>{t('volunteers.board', { name: v.orgName ?? '' })}</h2>
            {board.data?.length === 0 && <Empty>{t('volunteers.noBoard')}</Empty>}
            <ul className="v-ledger" data-testid="volunteer-board">
              {(board.data ?? []).map((l) => (
                <li key={l.volunteerId}>
                  <span>
                    <span className="v-rank">{l.rank}</span> {l.name}
                  </span>
                  <span>{t('volunteers.boardLine', { points: l.points, hours: l.hours })}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}
