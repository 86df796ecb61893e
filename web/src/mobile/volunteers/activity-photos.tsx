import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, postData } from '../api.ts';
import { PhotoPicker } from '../components/photo-picker.tsx';

/** Thumbnails of an activity's photos that open the EXIF-free copy. */
export function ActivityPhotoStrip({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="m-photo-strip" data-testid="volunteer-activity-photos">
      {ids.map((id, i) => (
        <li key={id}>
          <a
            href={`/api/volunteers/photos/${id}/public`}
            target="_blank"
            rel="noreferrer"
            aria-label={t('common.openPhoto', { label: t('common.photoAlt', { n: i + 1 }) })}
          >
            <img
              src={`/api/volunteers/photos/${id}/thumb`}
              alt={t('common.photoAlt', { n: i + 1 })}
              width={96}
              height={96}
            />
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * Photos from a volunteer signed in to the activity: taken or chosen, then sent in one request to the common
 * photo store (which checks the type and size and strips the location from what it shows).
 */
export function AddActivityPhotos({
  activityId,
  onDone,
  onCancel,
}: {
  activityId: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    const form = new FormData();
    for (const f of files) form.append('photo', f);
    setBusy(true);
    setError(null);
    try {
      await postData(`/api/volunteers/me/activities/${activityId}/photos`, undefined, form);
      setFiles([]);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="v-photo-form">
      <PhotoPicker
        label={t('volunteers.photosLabel')}
        hint={t('volunteers.photosHint')}
        files={files}
        onChange={setFiles}
        testId="volunteer-photo"
        error={error}
      />
      <div className="v-actions">
        <button
          type="button"
          className="m-btn m-btn-primary m-btn-small"
          disabled={busy || files.length === 0}
          onClick={() => void send()}
          data-testid="volunteer-send-photos"
        >
          {busy ? t('volunteers.sendingPhotos') : t('volunteers.sendPhotos', { n: files.length })}
        </button>
        <button type="button" className="m-btn m-btn-small" onClick={onCancel}>
          {t('volunteers.cancel')}
        </button>
      </div>
    </div>
  );
}
