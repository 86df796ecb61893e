import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api.ts';
import { PhotoPicker } from '../components/photo-picker.tsx';
import { RequiredMark } from '../components/required-mark.tsx';
import { PublicNoteChoice } from './public-note-choice.tsx';

/** The transitions a grid worker fires from the phone, with the form each one needs. */
export const PHONE_ACTIONS = ['check_pass', 'check_fail', 'fix_on_spot', 'file', 'reject'] as const;
export type PhoneAction = (typeof PHONE_ACTIONS)[number];

interface Spec {
  text?: { field: 'note' | 'reason'; label: string; placeholder: string; required?: string };
  photos?: { field: 'photos'; label: string }[] | { field: 'before' | 'after'; label: string }[];
  needBoth?: boolean;
  extra?: Record<string, string>;
  danger?: boolean;
}

function specOf(action: PhoneAction, t: (k: string) => string): Spec {
  const note = { field: 'note' as const, label: t('action.note'), placeholder: t('action.notePlaceholder') };
  const reason = {
    field: 'reason' as const,
    label: t('action.reason'),
    placeholder: t('action.reasonPlaceholder'),
    required: t('action.needReason'),
  };
  switch (action) {
    case 'check_pass':
      return { text: note, photos: [{ field: 'photos', label: t('action.photos') }] };
    case 'check_fail':
      return { text: reason, photos: [{ field: 'photos', label: t('action.photos') }], danger: true };
    case 'fix_on_spot':
      return {
        text: {
          field: 'note',
          label: t('action.fixNote'),
          placeholder: t('action.fixNotePlaceholder'),
          required: t('action.needNote'),
        },
        photos: [
          { field: 'before', label: t('action.before') },
          { field: 'after', label: t('action.after') },
        ],
        needBoth: true,
      };
    case 'file':
      return { text: note };
    case 'reject':
      return { text: reason, extra: { rejectReason: 'not_substantiated' }, danger: true };
  }
}

interface ActionFormProps {
  action: PhoneAction;
  /** sends the body (JSON, or a form when there are photos) */
  send(body: { json?: Record<string, string>; form?: FormData }): Promise<void>;
  onCancel(): void;
}

/** One transition's form: a note or reason, photos where the step takes them, then the confirm button. */
export function ActionForm({ action, send, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const spec = specOf(action, t);
  const [text, setText] = useState('');
  const [published, setPublished] = useState(false);
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = t(`action.${action}`);

  const submit = async () => {
    setError(null);
    if (spec.text?.required && !text.trim()) return setError(spec.text.required);
    if (spec.needBoth && !(files.before?.length && files.after?.length))
      return setError(t('action.needBeforeAfter'));
    const fields: Record<string, string> = { ...spec.extra };
    if (spec.text && text.trim()) fields[spec.text.field] = text.trim();
    if (published) fields.notePublic = 'true';
    const photos = Object.entries(files).filter(([, list]) => list.length > 0);
    let body: { json?: Record<string, string>; form?: FormData } = { json: fields };
    if (photos.length) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const [field, list] of photos) for (const f of list) form.append(field, f, f.name);
      body = { form };
    }
    setBusy(true);
    try {
      await send(body);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="m-form"
      data-testid={`action-form-${action}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {spec.photos?.map((p) => (
        <PhotoPicker
          key={p.field}
          label={p.label}
          files={files[p.field] ?? []}
          onChange={(list) => setFiles((f) => ({ ...f, [p.field]: list }))}
          testId={`action-${p.field}-input`}
          required={spec.needBoth}
        />
      ))}
      {spec.text && (
        <div className="m-field">
          <label className="m-label" htmlFor={`action-${spec.text.field}`}>
            {spec.text.label}
            {spec.text.required ? (
              <RequiredMark />
            ) : (
              <span className="m-opt"> {t('common.optionalMark')}</span>
            )}
          </label>
          <textarea
            id={`action-${spec.text.field}`}
            className="m-input m-textarea"
            rows={3}
            maxLength={2000}
            value={text}
            placeholder={spec.text.placeholder}
            onChange={(e) => setText(e.target.value)}
            data-testid={`action-${spec.text.field}`}
          />
        </div>
      )}
      {spec.text && (
        <PublicNoteChoice
          action={action}
          text={text}
          published={published}
          onChange={setPublished}
          data={spec.extra?.rejectReason ? { rejectReason: spec.extra.rejectReason } : {}}
        />
      )}
      {error && (
        <p className="m-notice m-notice-error" role="alert" data-testid="action-error">
          {error}
        </p>
      )}
      <div className="m-row">
        <button type="button" className="m-btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className={`m-btn m-grow ${spec.danger ? 'm-btn-danger' : 'm-btn-primary'}`}
          disabled={busy}
          data-testid="action-submit"
        >
          {busy ? t('common.sending') : t('action.confirm', { action: label })}
        </button>
      </div>
    </form>
  );
}
