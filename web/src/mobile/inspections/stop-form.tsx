import type { AnswerResult } from '@civicgrid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, newUuid } from '../api.ts';
import { PhotoPicker } from '../components/photo-picker.tsx';
import { submitReport } from '../outbox/outbox.ts';
import { positionNow } from './cache.ts';
import type { ChecklistItem, Stop } from './types.ts';

interface Draft {
  result: AnswerResult | null;
  note: string;
  photos: File[];
}

const OPTIONS: AnswerResult[] = ['pass', 'fail', 'na'];

function ItemRow({
  item,
  draft,
  onChange,
  index,
}: {
  item: ChecklistItem;
  draft: Draft;
  onChange(d: Draft): void;
  index: number;
}) {
  const { t, i18n } = useTranslation();
  const text = i18n.language === 'en-US' && item.textEn ? item.textEn : item.textZh;
  return (
    <li
      className={`i-item${draft.result === 'fail' ? ' i-item-fail' : ''}`}
      data-testid="inspection-item-row"
    >
      <p className="i-item-text">
        <span className="i-item-no">{index + 1}</span>
        {text}
      </p>
      <div className="m-rating i-answers" role="radiogroup" aria-label={text}>
        {OPTIONS.map((o) => (
          <label key={o} className={`m-rating-option i-answer-${o}`}>
            <input
              type="radio"
              name={`item-${item.id}`}
              checked={draft.result === o}
              onChange={() => onChange({ ...draft, result: o })}
              data-testid={`answer-${o}`}
            />
            <span>{t(`inspections.result.${o}`)}</span>
          </label>
        ))}
      </div>
      {draft.result === 'fail' && (
        <div className="i-fail">
          <PhotoPicker
            label={t('inspections.failPhoto')}
            files={draft.photos}
            onChange={(photos) => onChange({ ...draft, photos })}
            max={3}
            testId="fail-photo"
            required={item.photoOnFail}
          />
          <input
            className="m-input"
            placeholder={t('inspections.failNote')}
            value={draft.note}
            maxLength={200}
            onChange={(e) => onChange({ ...draft, note: e.target.value })}
            data-testid="fail-note"
          />
        </div>
      )}
    </li>
  );
}

/**
 * One stop of the route: every checklist item answered pass / fail / not applicable, a failure with its photos.
 * Saving puts the answers in the phone's outbox, which sends them now or, offline, when the network returns.
 */
export function StopForm({
  inspectionId,
  stop,
  onSaved,
}: {
  inspectionId: number;
  stop: Stop;
  onSaved(kind: 'sent' | 'saved'): void;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<number, Draft>>(() =>
    Object.fromEntries(
      stop.items.map((it) => {
        const a = stop.answers.find((x) => x.itemId === it.id);
        return [it.id, { result: a?.result ?? null, note: a?.note ?? '', photos: [] }];
      }),
    ),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const answeredBefore = new Set(stop.answers.filter((a) => a.photos.length).map((a) => a.itemId));

  const save = async () => {
    const missing = stop.items.findIndex((it) => drafts[it.id]?.result === null);
    if (missing >= 0) return setProblem(t('inspections.answerAll', { n: missing + 1 }));
    const noPhoto = stop.items.findIndex(
      (it) =>
        it.photoOnFail &&
        drafts[it.id]!.result === 'fail' &&
        !drafts[it.id]!.photos.length &&
        !answeredBefore.has(it.id),
    );
    if (noPhoto >= 0) return setProblem(t('inspections.photoNeeded', { n: noPhoto + 1 }));
    setProblem(null);
    setBusy(true);
    try {
      const location = await positionNow();
      const answeredAt = new Date().toISOString();
      const answers = stop.items.map((it) => ({
        itemId: it.id,
        result: drafts[it.id]!.result,
        note: drafts[it.id]!.note.trim() || null,
        location,
        answeredAt,
      }));
      const outcome = await submitReport({
        key: newUuid(),
        createdAt: answeredAt,
        url: `/api/inspections/${inspectionId}/stops/${stop.id}/answers`,
        fields: [['answers', JSON.stringify(answers)]],
        photos: stop.items.flatMap((it) =>
          drafts[it.id]!.photos.map((f) => ({
            name: f.name || 'photo.jpg',
            type: f.type,
            blob: f,
            field: `photo-${it.id}`,
          })),
        ),
        categoryName: t('inspections.pendingName', { point: stop.point.name }),
        status: 'waiting',
        error: null,
        attempts: 0,
      });
      onSaved(outcome.kind);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="m-section i-stop" data-testid="stop-form">
      <ol className="i-items">
        {stop.items.map((it, i) => (
          <ItemRow
            key={it.id}
            index={i}
            item={it}
            draft={drafts[it.id]!}
            onChange={(d) => setDrafts((all) => ({ ...all, [it.id]: d }))}
          />
        ))}
      </ol>
      {problem && (
        <p className="m-notice m-notice-error" role="alert" data-testid="stop-error">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="m-btn m-btn-primary m-btn-block m-btn-big"
        disabled={busy}
        onClick={() => void save()}
        data-testid="stop-save"
      >
        {busy ? t('common.sending') : t('inspections.saveStop')}
      </button>
    </section>
  );
}
