import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, newUuid } from '../api.ts';
import { formatDateTime } from '../i18n/index.ts';
import { submitVisit, type VisitResult } from '../outbox/outbox.ts';
import { CategoryPicker } from '../report/category-picker.tsx';
import { useCategories } from '../report/use-categories.ts';
import type { Category } from '../types.ts';
import { TextAreaField } from './text-field.tsx';
import type { HouseholdItem } from './visit-types.ts';

type Kind = 'home' | 'phone' | 'other';
interface NeedDraft {
  description: string;
  outcome: 'resolved' | 'case';
  resolution: string;
  category: Category | null;
}
type Done = { kind: 'sent'; result: VisitResult } | { kind: 'saved' };

const blankNeed = (): NeedDraft => ({ description: '', outcome: 'resolved', resolution: '', category: null });

/** Where the phone is, asked once when an in-person visit starts (null when refused or unavailable). */
function useCheckin(active: boolean) {
  const [at, setAt] = useState<{ lng: number; lat: number } | null>(null);
  useEffect(() => {
    if (!active || !('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(
      (p) => setAt({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => setAt(null),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }, [active]);
  return active ? at : null;
}

function NeedFields({
  need,
  index,
  onChange,
  onRemove,
}: {
  need: NeedDraft;
  index: number;
  onChange(n: NeedDraft): void;
  onRemove(): void;
}) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const [picking, setPicking] = useState(false);
  return (
    <fieldset className="m-subsection" data-testid={`need-${index}`}>
      <legend className="m-label">
        {t('visits.needs')} {index + 1}
      </legend>
      <TextAreaField
        label={t('visits.needText')}
        sub
        value={need.description}
        onChange={(description) => onChange({ ...need, description })}
        testId="need-text"
      />
      <div className="m-chips" role="radiogroup" aria-label={t('visits.needOutcome')}>
        {(['resolved', 'case'] as const).map((o) => (
          <label key={o} className="m-chip" data-testid={`need-outcome-${o}`}>
            <input
              type="radio"
              name={`need-outcome-${index}`}
              checked={need.outcome === o}
              onChange={() => onChange({ ...need, outcome: o })}
            />
            <span>{t(o === 'resolved' ? 'visits.resolved' : 'visits.toCase')}</span>
          </label>
        ))}
      </div>
      {need.outcome === 'resolved' ? (
        <label className="m-field">
          <span className="m-label-sub">{t('visits.resolution')}</span>
          <input
            className="m-input"
            required
            maxLength={500}
            value={need.resolution}
            onChange={(e) => onChange({ ...need, resolution: e.target.value })}
            data-testid="need-resolution"
          />
        </label>
      ) : (
        <button
          type="button"
          className="m-select"
          onClick={() => setPicking(true)}
          data-testid="need-category"
        >
          {need.category
            ? i18n.language === 'en-US'
              ? need.category.nameEn
              : need.category.nameZh
            : t('visits.chooseCategory')}
        </button>
      )}
      {picking && categories.data && (
        <CategoryPicker
          categories={categories.data}
          onPick={(c) => {
            onChange({ ...need, category: c });
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
      <button type="button" className="m-btn m-btn-ghost m-btn-small" onClick={onRemove}>
        {t('visits.removeNeed')}
      </button>
    </fieldset>
  );
}

function Result({ done, onAgain }: { done: Done; onAgain(): void }) {
  const { t } = useTranslation();
  if (done.kind === 'saved')
    return (
      <div className="m-notice m-notice-warn" role="status" data-testid="visit-saved-offline">
        <p>{t('visits.savedOffline')}</p>
      </div>
    );
  const v = done.result;
  return (
    <div className="m-notice m-notice-ok m-stack" role="status" data-testid="visit-saved">
      <p>{t('visits.saved')}</p>
      {typeof v.distanceM === 'number' && (
        <p className={v.far ? 'm-field-error' : 'm-meta'}>
          {t(v.far ? 'visits.far' : 'visits.near', { m: v.distanceM })}
        </p>
      )}
      {v.needs
        .filter((n) => n.caseId !== null)
        .map((n) => (
          <p key={n.id} className="m-promise" data-testid="tell-resident">
            {t('visits.tellResident', { date: formatDateTime(n.replyDueAt), id: n.caseId })}
          </p>
        ))}
      <button type="button" className="m-btn m-btn-small" onClick={onAgain}>
        {t('visits.again')}
      </button>
    </div>
  );
}

/** Records a visit in a few taps: kind, check-in (asked of the phone), notes, needs; sent through the outbox. */
export function VisitForm({ household, onSaved }: { household: HouseholdItem; onSaved(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('home');
  const [notes, setNotes] = useState('');
  const [needs, setNeeds] = useState<NeedDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const checkin = useCheckin(kind === 'home' && done === null);
  if (done) return <Result done={done} onAgain={() => setDone(null)} />;
  const missingCategory = needs.some((n) => n.outcome === 'case' && !n.category);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await submitVisit({
        key: newUuid(),
        createdAt: new Date().toISOString(),
        fields: [],
        photos: [],
        categoryName: `${t('visits.title')} · ${household.building ?? household.gridName}`,
        status: 'waiting',
        error: null,
        attempts: 0,
        visit: {
          householdId: household.id,
          kind,
          visitedAt: new Date().toISOString(),
          location: checkin,
          notes: notes.trim() || null,
          needs: needs.map((n) =>
            n.outcome === 'resolved'
              ? { description: n.description.trim(), resolution: n.resolution.trim() }
              : { description: n.description.trim(), categoryCode: n.category!.code },
          ),
        },
      });
      setDone(outcome.kind === 'sent' ? outcome : { kind: 'saved' });
      setNeeds([]);
      setNotes('');
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="m-form m-card"
      data-testid="visit-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="m-chips" role="radiogroup" aria-label={t('visits.kindLabel')}>
        {(['home', 'phone', 'other'] as const).map((k) => (
          <label key={k} className="m-chip" data-testid={`visit-kind-${k}`}>
            <input type="radio" name="visit-kind" checked={kind === k} onChange={() => setKind(k)} />
            <span>{t(`visits.kind.${k}`)}</span>
          </label>
        ))}
      </div>
      {kind === 'home' && (
        <p className="m-hint" data-testid="visit-checkin">
          {t('visits.checkin')}：{checkin ? t('visits.checkinOk') : t('visits.checkinNone')}
        </p>
      )}
      <TextAreaField
        label={t('visits.notes')}
        optional
        value={notes}
        placeholder={t('visits.notesPlaceholder')}
        onChange={setNotes}
        testId="visit-notes"
      />
      {needs.map((n, i) => (
        <NeedFields
          // biome-ignore lint/suspicious/noArrayIndexKey: drafts have no identity but their place
          key={i}
          need={n}
          index={i}
          onChange={(next) => setNeeds(needs.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setNeeds(needs.filter((_, j) => j !== i))}
        />
      ))}
      <button
        type="button"
        className="m-btn m-btn-block"
        onClick={() => setNeeds([...needs, blankNeed()])}
        data-testid="add-need"
      >
        {t('visits.addNeed')}
      </button>
      {error && (
        <p className="m-field-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="m-btn m-btn-primary m-btn-block m-btn-big"
        disabled={busy || missingCategory}
        data-testid="visit-submit"
      >
        {busy ? t('visits.submitting') : t('visits.submit')}
      </button>
    </form>
  );
}
