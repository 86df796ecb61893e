import { CASE_TRANSITIONS } from '@civicgrid/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { request } from '../api.ts';
import { Page } from '../components/page.tsx';
import { RequireGridWorker } from '../components/require-grid-worker.tsx';
import { Sheet } from '../components/sheet.tsx';
import { ErrorNotice, Loading } from '../components/states.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { labelOf } from '../report/questions.tsx';
import { useCategories } from '../report/use-categories.ts';
import { RateForm, ReopenForm } from '../track/follow-up-forms.tsx';
import { PhotoStrip } from '../track/photo-strip.tsx';
import { Timeline } from '../track/timeline.tsx';
import type { CaseDetail } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { ActionForm, PHONE_ACTIONS, type PhoneAction } from './action-form.tsx';
import { CasePlace } from './case-place.tsx';
import { MyDeadline, stateText } from './task-item.tsx';

type Detail = { data: CaseDetail; abilities: string[] };

/** The answers with their questions' labels (from the taxonomy), in the UI language. */
function AnswerList({ c }: { c: CaseDetail }) {
  const { i18n } = useTranslation();
  const categories = useCategories();
  const questions = categories.data?.find((k) => k.code === c.categoryCode)?.questions ?? [];
  const entries = Object.entries(c.answers ?? {});
  if (!entries.length) return null;
  return (
    <>
      {entries.map(([code, value]) => {
        const q = questions.find((x) => x.code === code);
        const show = (v: unknown) => {
          const o = q?.options?.find((x) => x.value === v);
          return o ? labelOf(o, i18n.language) : String(v);
        };
        return (
          <div key={code} className="m-fact">
            <dt>{q ? labelOf(q, i18n.language) : code}</dt>
            <dd>{Array.isArray(value) ? value.map(show).join('、') : show(value)}</dd>
          </div>
        );
      })}
    </>
  );
}

function CaseDetailView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const detail = useLoad(id, async () => (await request<Detail>('GET', `/api/cases/${id}`)).body);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const abilities = detail.data?.abilities ?? [];
  // 立行立改 straight after a patrol report: /m/tasks/:id?fix=1
  useEffect(() => {
    if (params.get('fix') && abilities.includes('fix_on_spot')) {
      setOpen('fix_on_spot');
      setParams({}, { replace: true });
    }
  }, [params, abilities, setParams]);

  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) return <ErrorNotice error={detail.error} onRetry={detail.reload} />;
  const c = detail.data.data;
  const phone = abilities.filter((a): a is PhoneAction | 'rate' | 'reopen' =>
    [...PHONE_ACTIONS, 'rate', 'reopen'].includes(a),
  );
  const elsewhere = abilities.filter((a) => !phone.includes(a as PhoneAction));

  const fire = async (action: string, body: { json?: unknown; form?: FormData }) => {
    const res = await request<Detail>('POST', `/api/cases/${c.id}/actions/${action}`, body);
    // the answer is the fresh case while the caller still holds it; otherwise only id and state come back
    if (Array.isArray(res.body.data.events)) detail.setData(res.body);
    else detail.reload();
    setOpen(null);
    setNotice(t('detail.done', { action: t(`action.${action}`) }));
  };

  return (
    <div className="m-stack" data-testid="task-detail">
      <section className="m-card">
        <div className="m-row-between">
          <h2 className="m-card-title">{i18n.language === 'en-US' ? c.categoryNameEn : c.categoryNameZh}</h2>
          <span className="m-badges">
            {c.cRework + c.reopenCount > 0 && (
              <span className="m-badge m-badge-rework" data-testid="task-rework">
                {t('rework')}
              </span>
            )}
            <span className={`m-badge m-state-${c.state}`} data-testid="task-state">
              {stateText(c, t)}
            </span>
          </span>
        </div>
        <p className="m-code-small" data-testid="task-case-number">
          {t('caseNumber', { id: c.id })}
        </p>
        <p className="m-desc">{c.description}</p>
        <MyDeadline row={c} ownOnly />
        <dl className="m-facts">
          <div className="m-fact">
            <dt>{t('detail.reportedAt')}</dt>
            <dd>{formatDateTime(c.reportedAt)}</dd>
          </div>
          {c.reporter && (c.reporter.name || c.reporter.phone) && (
            <div className="m-fact">
              <dt>{t('detail.reporter')}</dt>
              <dd>
                {c.reporter.name}
                {c.reporter.phone && (
                  <>
                    {' '}
                    <a href={`tel:${c.reporter.phone}`}>{c.reporter.phone}</a>
                  </>
                )}
              </dd>
            </div>
          )}
          {c.unitName && (
            <div className="m-fact">
              <dt>{t('detail.unit')}</dt>
              <dd>{c.unitName}</dd>
            </div>
          )}
          {c.deadlineAt && (
            <div className="m-fact">
              <dt>{t('detail.deadline')}</dt>
              <dd>{formatDateTime(c.deadlineAt)}</dd>
            </div>
          )}

          <AnswerList c={c} />
        </dl>
      </section>
      <CasePlace c={c} />
      {notice && (
        <p className="m-notice m-notice-ok" role="status" data-testid="action-done">
          {notice}
        </p>
      )}
      <section className="m-card" aria-labelledby="actions-title">
        <h2 id="actions-title" className="m-section-title">
          {t('detail.actions')}
        </h2>
        {phone.length === 0 && elsewhere.length === 0 && <p className="m-hint">{t('detail.noActions')}</p>}
        <div className="m-actions">
          {phone.map((a) => (
            <button
              key={a}
              type="button"
              className={`m-btn ${a === 'check_fail' || a === 'reject' ? 'm-btn-danger' : 'm-btn-primary'}`}
              onClick={() => setOpen(a)}
              data-testid={`action-${a}`}
            >
              {t(`action.${a}`)}
            </button>
          ))}
        </div>
        {elsewhere.length > 0 && (
          <p className="m-hint">
            {t('detail.elsewhere', {
              actions: elsewhere
                .map((a) => {
                  const tr = CASE_TRANSITIONS.find((x) => x.action === a);
                  return tr ? (i18n.language === 'en-US' ? tr.en : tr.zh) : a;
                })
                .join(i18n.language === 'en-US' ? ', ' : '、'),
            })}
          </p>
        )}
      </section>
      {c.photos.length > 0 && (
        <section className="m-card" aria-labelledby="photos-title">
          <h2 id="photos-title" className="m-section-title">
            {t('detail.photos')}
          </h2>
          <PhotoStrip photos={c.photos} />
        </section>
      )}
      <section className="m-card" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="m-section-title">
          {t('detail.timeline')}
        </h2>
        <Timeline events={c.events} photos={c.photos} staff />
      </section>
      {open && (
        <Sheet title={t(`action.${open}`)} onClose={() => setOpen(null)} testId="action-sheet">
          {open === 'rate' ? (
            <RateForm send={(json) => fire('rate', { json })} />
          ) : open === 'reopen' ? (
            <ReopenForm send={(json) => fire('reopen', { json })} />
          ) : (
            <ActionForm
              action={open as PhoneAction}
              send={(body) => fire(open, body)}
              onCancel={() => setOpen(null)}
            />
          )}
        </Sheet>
      )}
    </div>
  );
}

/** /m/tasks/:id: the case as staff see it, with exactly the buttons the server allows. */
export default function TaskDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Page title={t('detail.title')} back="/tasks" testId="task-detail-page">
      <RequireGridWorker>
        <CaseDetailView id={id} />
      </RequireGridWorker>
    </Page>
  );
}
