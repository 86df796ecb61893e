import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, postData } from '../api.ts';
import { Sheet } from '../components/sheet.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import type { Duplicate } from '../types.ts';

interface DuplicatesSheetProps {
  duplicates: Duplicate[];
  onSubmitAnyway(): void;
  onClose(): void;
  /** after following an existing case instead of reporting */
  onFollowed(d: Duplicate): void;
}

/**
 * "Follow this one instead": open cases of the same kind nearby. Following needs an account; a resident
 * without one gets the case's tracking code and its tracking page.
 */
export function DuplicatesSheet({ duplicates, onSubmitAnyway, onClose, onFollowed }: DuplicatesSheetProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const follow = async (d: Duplicate) => {
    setBusy(d.id);
    setError(null);
    try {
      await postData(`/api/cases/${d.id}/follow`);
      onFollowed(d);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Sheet title={t('report.duplicatesTitle')} onClose={onClose} testId="duplicates-sheet">
      <p className="m-hint">{t('report.duplicatesText')}</p>
      {!me && <p className="m-hint">{t('report.anonymousFollow')}</p>}
      {error && (
        <p className="m-field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="m-list">
        {duplicates.map((d) => (
          <li key={d.id} className="m-card m-dup" data-testid="duplicate-item">
            <p className="m-dup-text">{d.description}</p>
            <p className="m-meta">
              {t('report.duplicateMeta', {
                m: d.distanceM,
                state: t(`state.${d.state}`),
                date: formatDateTime(d.reportedAt),
              })}
            </p>
            <p className="m-meta">{t('report.duplicateCode', { code: d.trackingCode })}</p>
            {me ? (
              <button
                type="button"
                className="m-btn m-btn-primary m-btn-small"
                disabled={busy !== null}
                onClick={() => void follow(d)}
                data-testid="duplicate-follow"
              >
                {busy === d.id ? t('common.sending') : t('report.follow')}
              </button>
            ) : (
              <Link
                className="m-btn m-btn-small"
                to={`/track/${d.trackingCode}`}
                data-testid="duplicate-track"
              >
                {t('report.viewProgress')}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="m-btn m-btn-block"
        onClick={onSubmitAnyway}
        data-testid="duplicates-submit-anyway"
      >
        {t('report.notSame')}
      </button>
    </Sheet>
  );
}
