import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage, getData, postData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { useLoad } from '../use-load.ts';
import { SeenLine } from './care-page.tsx';
import type { AlertStep, AlertView } from './care-types.ts';
import './care.css';

const OUTCOMES = ['safe', 'away', 'hospital', 'emergency', 'deceased'] as const;
type Outcome = (typeof OUTCOMES)[number];

function Step({ s }: { s: AlertStep }) {
  const { t } = useTranslation();
  const told =
    s.kind === 'raised' || s.kind === 'care_contact' || s.kind === 'duty_officer' || s.kind === 'family_task';
  return (
    <li data-testid="care-step">
      <strong>{t(`care.step.${s.kind}`, { relation: s.relation ?? '' })}</strong>
      <span className="m-meta"> · {formatDateTime(s.at)}</span>
      {told && <div className="m-meta">{t('care.told', { told: s.told, delivered: s.delivered })}</div>}
      {s.kind === 'sms' && s.delivered === 0 && <div className="m-meta">{t('care.smsNotSent')}</div>}
      {s.note && s.kind !== 'sms' && (
        <div className="m-meta">
          {s.note}
          {s.actorName && ` · ${s.actorName}`}
        </div>
      )}
    </li>
  );
}

/** The family's numbers, shown only on request with an audit row (personal data). */
function FamilyContacts({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ relation: string; name: string; phone: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = async () => {
    try {
      setShown(
        await postData(`/api/care/watched/${personId}/contacts/reveal`, { reason: t('care.revealReason') }),
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section className="m-card">
      <h2 className="m-card-title">{t('care.family')}</h2>
      {shown ? (
        shown.map((c) => (
          <p key={c.phone} className="m-row-between">
            <span>
              {c.relation} · {c.name}
            </span>
            <a className="m-btn m-btn-small m-btn-primary" href={`tel:${c.phone}`}>
              {t('care.call')} {c.phone}
            </a>
          </p>
        ))
      ) : (
        <button
          type="button"
          className="m-btn m-btn-block"
          onClick={() => void reveal()}
          data-testid="care-reveal"
        >
          {t('care.reveal')}
        </button>
      )}
      {error && <p className="m-notice m-notice-error">{error}</p>}
    </section>
  );
}

function OutcomeForm({ caseId, onClosed }: { caseId: number; onClosed: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('safe');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsUntil = outcome === 'away' || outcome === 'hospital';
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        outcome,
        note,
        ...(needsUntil && until ? { until: new Date(until).toISOString() } : {}),
      };
      await postData(`/api/care/alerts/${caseId}/outcome`, body);
      onClosed();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="m-card" data-testid="care-outcome-form">
      <h2 className="m-card-title">{t('care.outcomeTitle')}</h2>
      <div className="care-outcomes" role="radiogroup">
        {OUTCOMES.map((o) => (
          <label key={o} className={o === outcome ? 'on' : ''}>
            <input
              type="radio"
              name="outcome"
              checked={o === outcome}
              onChange={() => setOutcome(o)}
              data-testid={`care-outcome-${o}`}
            />
            {t(`care.outcome.${o}`)}
          </label>
        ))}
      </div>
      {needsUntil && (
        <label className="m-field">
          <span>{t('care.until')}</span>
          <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
      )}
      <label className="m-field">
        <span>{t('care.note')}</span>
        <textarea
          rows={3}
          value={note}
          placeholder={t('care.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          data-testid="care-note"
        />
      </label>
      {error && <p className="m-notice m-notice-error">{error}</p>}
      <button
        type="button"
        className="m-btn m-btn-primary m-btn-block"
        disabled={busy || note.trim().length < 2}
        onClick={() => void submit()}
        data-testid="care-close"
      >
        {t('care.close')}
      </button>
    </section>
  );
}

/** A care alert on the grid worker's phone: whom, since when, the escalation so far, the family, the outcome. */
export default function CareAlertPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const alert = useLoad(id, () => getData<AlertView>(`/api/care/alerts/${id}`));
  const a = alert.data;
  return (
    <Page title={t('care.alert')} back="/care" testId="care-alert-page">
      <RequireGridWorker>
        {alert.loading && !a && <Loading />}
        {!a && !alert.loading && <ErrorNotice error={alert.error} onRetry={alert.reload} />}
        {a && (
          <>
            <section className="m-card care-card care-card-alert">
              <span className="m-card-title">
                {a.person.name}
                {a.person.age !== null && ` · ${a.person.age}岁`}
              </span>
              <span className="m-meta">
                {a.person.gridName} · {a.person.buildingAddress}
              </span>
              <SeenLine w={{ ...a.person, lastSeenAt: a.lastSeenAt }} />
              <span className="m-meta">
                {t('care.alertRaised', { date: formatDateTime(a.raisedAt) })} · {t(`care.level.${a.level}`)}
              </span>
              {a.seenSince && (
                <p className="m-notice m-notice-ok" data-testid="care-seen-since">
                  {t('care.seenSince', {
                    date: formatDateTime(a.seenSince.seenAt),
                    source: t(`care.source.${a.seenSince.source}`),
                  })}
                </p>
              )}
              {a.actedAt && !a.closedAt && <p className="m-meta">{t('care.acted')}</p>}
            </section>
            {a.closedAt ? (
              <p className="m-notice m-notice-ok" data-testid="care-closed">
                {t('care.closed', { outcome: t(`care.outcome.${a.outcome as Outcome}`) })} · {a.outcomeNote}
              </p>
            ) : (
              <>
                <FamilyContacts personId={a.person.personId} />
                <OutcomeForm caseId={a.caseId} onClosed={alert.reload} />
              </>
            )}
            <section className="m-section">
              <h2>{t('care.timelineTitle')}</h2>
              <ol className="care-timeline">
                {a.timeline.map((s) => (
                  <Step key={`${s.kind}-${s.at}-${s.relation ?? ''}`} s={s} />
                ))}
              </ol>
            </section>
          </>
        )}
      </RequireGridWorker>
    </Page>
  );
}
