import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons.tsx';
import { RequiredMark } from './required-mark.tsx';

const MAX_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

interface PhotoPickerProps {
  label: string;
  hint?: string;
  files: File[];
  onChange(files: File[]): void;
  max?: number;
  testId: string;
  /** an error from the form or the server, shown under the picker */
  error?: string | null;
  required?: boolean;
}

/**
 * Take or choose photos: the camera opens directly on phones (`capture`), the album stays available, and
 * obvious mistakes (not an image, over 10 MB, too many) are explained before anything is sent. The server
 * still checks the bytes, so a renamed file is refused there.
 */
export function PhotoPicker({
  label,
  hint,
  files,
  onChange,
  max = 9,
  testId,
  error,
  required,
}: PhotoPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [problems, setProblems] = useState<string[]>([]);
  const [broken, setBroken] = useState<Set<string>>(new Set());
  const previews = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(
    () => () => {
      for (const u of previews) URL.revokeObjectURL(u);
    },
    [previews],
  );

  const add = (list: FileList | null) => {
    const found: string[] = [];
    const ok: File[] = [];
    for (const f of Array.from(list ?? [])) {
      // some phones report HEIC or an empty type; only clearly non-image files are stopped here
      if (f.type && !f.type.startsWith('image/')) found.push(t('report.photoNotImage', { name: f.name }));
      else if (f.size > MAX_BYTES) found.push(t('report.photoTooLarge', { name: f.name }));
      else ok.push(f);
    }
    const next = [...files, ...ok];
    if (next.length > max) found.push(t('report.photoTooMany'));
    setProblems(found);
    onChange(next.slice(0, max));
  };

  const shown = [...problems, ...(error ? [error] : [])];
  return (
    <fieldset className="m-field m-photos" aria-describedby={`${id}-hint`}>
      <legend className="m-label">
        {label}
        {required && <RequiredMark />}
      </legend>
      {hint && (
        <p className="m-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="m-photo-grid">
        {previews.map((url, i) => (
          <div className="m-photo" key={url}>
            {broken.has(url) ? (
              <span className="m-photo-broken">
                {t('report.photoUnreadable')}
                <small>{files[i]?.name}</small>
              </span>
            ) : (
              <img
                src={url}
                alt={t('common.photoAlt', { n: i + 1 })}
                onError={() => setBroken((b) => new Set(b).add(url))}
              />
            )}
            <button
              type="button"
              className="m-photo-remove"
              aria-label={t('report.removePhoto', { n: i + 1 })}
              onClick={() => {
                setProblems([]);
                onChange(files.filter((_, j) => j !== i));
              }}
            >
              <Icon name="close" size={16} />
            </button>
          </div>
        ))}
        {files.length < max && (
          <>
            <PickButton icon="camera" text={t('report.takePhoto')} testId={testId} capture onPick={add} />
            <PickButton icon="image" text={t('report.choosePhoto')} testId={`${testId}-album`} onPick={add} />
          </>
        )}
      </div>
      {shown.length > 0 && (
        <div className="m-field-error" role="alert" data-testid={`${testId}-error`}>
          {shown.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
    </fieldset>
  );
}

interface PickButtonProps {
  icon: 'camera' | 'image';
  text: string;
  testId: string;
  /** open the rear camera directly (phones); without it the album is offered */
  capture?: boolean;
  onPick(list: FileList | null): void;
}

/** A big tile holding a real (visually hidden, keyboard-focusable) file input. */
function PickButton({ icon, text, testId, capture, onPick }: PickButtonProps) {
  return (
    <label className="m-photo-add">
      <input
        className="m-visually-hidden"
        type="file"
        accept={`image/*,${IMAGE_TYPES.join(',')}`}
        capture={capture ? 'environment' : undefined}
        multiple
        data-testid={testId}
        onChange={(e) => {
          onPick(e.target.files);
          // choosing the same file again must fire change again
          e.target.value = '';
        }}
      />
      <Icon name={icon} size={28} />
      <span>{text}</span>
    </label>
  );
}
