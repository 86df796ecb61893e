import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, postData } from '../api.ts';
import { Sheet } from '../components/sheet.tsx';
import type { FollowLink } from '../follows/follow-link.ts';
import { keepFollow, listKeptFollows } from '../follows/kept-follows.ts';
import { formatDateTime } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import type { Duplicate, FollowedCase } from '../types.ts';

interface DuplicatesSheetProps {
  duplicates: Duplicate[];
  onSubmitAnyway(): void;
  onClose(): void;
  /** after following an existing case instead of reporting */
  onFollowed(d: Duplicate, link: FollowLink): void;
}

/**
 * "Follow this one instead": open cases of the same kind nearby, by kind, distance, state and summary. A
 * logged-in resident follows through the account; anyone else gets a read-only follower code kept on this
 * phone. Following shows the progress, never the right to rate or reopen (that stays with the reporter).
 */
export function DuplicatesSheet({ duplicates, onSubmitAnyway, onClose, onFollowed }: DuplicatesSheetProps) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = (d: Duplicate) => (i18n.language === 'en-US' ? d.category.nameEn : d.category.nameZh);

  const follow = async (d: Duplicate & { handle: string }) => {
    const kept = me ? undefined : listKeptFollows().find((f) => f.handle === d.handle);
    if (kept) return onFollowed(d, { followerCode: kept.followerCode });
    setBusy(d.handle);
    setError(null);
    try {
      const answer = await postData<FollowedCase>('/api/follows', { handle: d.handle });
      if (answer.followerCode) {
        keepFollow({
          followerCode: answer.followerCode,
          handle: d.handle,
          categoryName: name(d),
          summary: d.summary,
          followedAt: new Date().toISOString(),
        });
        onFollowed(d, { followerCode: answer.followerCode });
      } else onFollowed(d, { handle: d.handle });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Sheet title={t('report.duplicatesTitle')} onClose={onClose} testId="duplicates-sheet">
      <p className="m-hint">{t('report.duplicatesText')}</p>
      <p className="m-hint">{t('follow.sheetHint')}</p>
      {!me && <p className="m-hint">{t('follow.anonymousHint')}</p>}
      {error && (
        <p className="m-field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="m-list">
        {duplicates.map((d) => (
          <li
            key={d.handle ?? `${d.distanceM}-${String(d.reportedAt)}`}
            className="m-card m-dup"
            data-testid="duplicate-item"
          >
            <div className="m-row-between">
              <span className="m-card-title">{name(d)}</span>
              <span className={`m-badge m-state-${d.state}`}>{t(`state.${d.state}`)}</span>
            </div>
            <p className="m-dup-text">{d.summary}</p>
            <p className="m-meta">
              {t('follow.suggestionMeta', { m: d.distanceM, date: formatDateTime(d.reportedAt) })}
            </p>
            {d.handle && (
              <button
                type="button"
                className="m-btn m-btn-primary m-btn-small"
                disabled={busy !== null}
                onClick={() => void follow({ ...d, handle: d.handle as string })}
                data-testid="duplicate-follow"
              >
                {busy === d.handle ? t('follow.following') : t('follow.button')}
              </button>
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
