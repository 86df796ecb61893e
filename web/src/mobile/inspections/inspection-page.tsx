import { INSPECTION_KIND_LABELS } from '@civicgrid/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage, postData } from '../api.ts';
import { Page } from '../components/page.tsx';
import { ErrorNotice, Loading } from '../components/states.tsx';
import { outboxEvents } from '../outbox/outbox.ts';
import { listPending } from '../outbox/outbox-db.ts';
import { useLoad } from '../use-load.ts';
import { loadKept } from './cache.ts';
import { StopForm } from './stop-form.tsx';
import type { InspectionView, Stop, SubmitResult } from './types.ts';
import './inspections.css';

/** How many of this inspection's stops still wait in the outbox. */
function usePending(inspectionId: number, onDrained: () => void): number {
  const [pending, setPending] = useState(0);
  useEffect(() => {
    let last = -1;
    const count = () =>
      void listPending().then((all) => {
        const n = all.filter((p) => p.url?.startsWith(`/api/inspections/${inspectionId}/`)).length;
        setPending(n);
        if (last > 0 && n === 0) onDrained();
        last = n;
      });
    count();
    outboxEvents.addEventListener('change', count);
    return () => outboxEvents.removeEventListener('change', count);
  }, [inspectionId, onDrained]);
  return pending;
}

function StopCard({
  stop,
  open,
  saved,
  onOpen,
}: {
  stop: Stop;
  open: boolean;
  saved: string | null;
  onOpen(): void;
}) {
  const { t, i18n } = useTranslation();
  const failed = stop.answers.filter((a) => a.result === 'fail').length;
  // what the server holds wins; until then, what this phone did with the point
  const status = stop.answers.length
    ? t('inspections.answered', { n: stop.answers.length, failed })
    : (saved ?? t('inspections.notVisited'));
  return (
    <button
      type="button"
      className={`m-card i-stop-card${open ? ' i-stop-open' : ''}`}
      onClick={onOpen}
      data-testid="stop-card"
      aria-expanded={open}
    >
      <span className="i-seq">{stop.seq}</span>
      <span className="i-stop-text">
        <span className="m-card-title">{stop.point.name}</span>
        <span className="m-meta">
          {i18n.language === 'en-US' ? stop.point.typeNameEn : stop.point.typeNameZh} · {status}
        </span>
      </span>
    </button>
  );
}

/** /m/inspections/:id: walk the route point by point, answer each checklist, submit and see the score. */
export default function InspectionPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const path = `/api/inspections/${id}`;
  const view = useLoad(path, () => loadKept<InspectionView>(path));
  const reload = view.reload;
  const pending = usePending(
    id,
    useCallback(() => reload(), [reload]),
  );
  const [openStop, setOpenStop] = useState<number | null>(null);
  const [saved, setSaved] = useState<Record<number, string>>({});
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (view.loading && !view.data)
    return (
      <Page title={t('inspections.title')} back="/inspections">
        <Loading />
      </Page>
    );
  if (!view.data)
    return (
      <Page title={t('inspections.title')} back="/inspections">
        <ErrorNotice error={view.error} onRetry={reload} />
      </Page>
    );
  const insp = view.data.data;
  const kind = INSPECTION_KIND_LABELS[insp.kind][i18n.language === 'en-US' ? 'en' : 'zh'];
  const done = insp.state === 'submitted';
  const stops = insp.route;

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await postData<SubmitResult>(`/api/inspections/${id}/submit`));
      reload();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={kind} back="/inspections" testId="inspection-page">
      <h2 className="i-title">{insp.title}</h2>
      <p className="m-meta">
        {insp.plannedOn} {insp.plannedTime ?? ''} · {insp.leaderName}
        {insp.team.length > 0 && ` · ${insp.team.join('、')}`}
      </p>
      {view.data.kept && (
        <p className="m-notice m-notice-warn" data-testid="offline-copy">
          {t('inspections.offlineCopy')}
        </p>
      )}
      {(result || done) && (
        <div className="m-notice m-notice-ok i-result" role="status" data-testid="inspection-result">
          <strong className="i-score">
            {t('inspections.score', { score: result?.score ?? insp.score ?? '—' })}
          </strong>
          <span>
            {t('inspections.resultLine', {
              passed: result?.itemsPassed ?? insp.itemsPassed,
              failed: result?.itemsFailed ?? insp.itemsFailed,
            })}
          </span>
          {result && result.itemsFailed > 0 && (
            <span>{t('inspections.rectified', { opened: result.opened, linked: result.linked })}</span>
          )}
        </div>
      )}
      <ol className="m-list i-route">
        {stops.map((s, i) => (
          <li key={s.id}>
            <StopCard
              stop={s}
              open={openStop === s.id}
              saved={saved[s.id] ?? null}
              onOpen={() => setOpenStop(openStop === s.id || done ? null : s.id)}
            />
            {openStop === s.id && !done && insp.mayRun && (
              <StopForm
                inspectionId={id}
                stop={s}
                onSaved={(kindSaved) => {
                  setSaved((all) => ({
                    ...all,
                    [s.id]: t(kindSaved === 'sent' ? 'inspections.sent' : 'inspections.queued'),
                  }));
                  setOpenStop(stops[i + 1]?.id ?? null);
                  if (kindSaved === 'sent') reload();
                }}
              />
            )}
          </li>
        ))}
      </ol>
      {!done && insp.mayRun && (
        <section className="m-section">
          {pending > 0 && (
            <p className="m-notice m-notice-warn" data-testid="inspection-pending">
              {t('inspections.pending', { n: pending })}
            </p>
          )}
          {problem && (
            <p className="m-notice m-notice-error" role="alert" data-testid="submit-error">
              {problem}
            </p>
          )}
          <button
            type="button"
            className="m-btn m-btn-primary m-btn-block m-btn-big"
            disabled={busy || pending > 0}
            onClick={() => void submit()}
            data-testid="inspection-submit"
          >
            {busy ? t('common.sending') : t('inspections.submit')}
          </button>
          <p className="m-hint">{t('inspections.submitHint')}</p>
        </section>
      )}
    </Page>
  );
}
