import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage, getData, request } from '../api.ts';
import { Page } from '../components/page.tsx';
import { ErrorNotice, Loading } from '../components/states.tsx';
import { PublicCaseView } from '../track/public-case-view.tsx';
import type { FollowedCase } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { forgetFollow } from './kept-follows.ts';

/**
 * /m/followed/code/:followerCode (kept on this phone) and /m/followed/case/:handle (followed through the
 * account): the public progress of a case someone else reported, read-only, with a way to stop following.
 */
export default function FollowedPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { followerCode, handle } = useParams();
  const path = followerCode
    ? `/api/follows/${encodeURIComponent(followerCode)}`
    : `/api/follows/cases/${encodeURIComponent(handle ?? '')}`;
  const followed = useLoad(path, () => getData<FollowedCase>(path));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gone = followed.error instanceof ApiError && [400, 404].includes(followed.error.status);
  // a code the server no longer knows is of no use on this phone either
  useEffect(() => {
    if (gone && followerCode) forgetFollow(followerCode);
  }, [gone, followerCode]);

  const unfollow = async () => {
    if (!window.confirm(t('follow.unfollowConfirm'))) return;
    setBusy(true);
    setError(null);
    try {
      await request('DELETE', path);
      if (followerCode) forgetFollow(followerCode);
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Page title={t('follow.title')} back="/" testId="followed-page">
      {followed.loading && <Loading />}
      {!followed.loading && followed.error !== null && (
        <ErrorNotice
          error={gone ? t('follow.notFound') : followed.error}
          onRetry={gone ? undefined : followed.reload}
        />
      )}
      {!followed.loading && followed.data && (
        <PublicCaseView c={followed.data.case} testId="followed-case">
          <section className="m-card m-followed-note">
            <p className="m-hint" data-testid="followed-read-only">
              {t('follow.readOnly')}
            </p>
            {error && (
              <p className="m-field-error" role="alert">
                {error}
              </p>
            )}
            <button
              type="button"
              className="m-btn m-btn-block"
              disabled={busy}
              onClick={() => void unfollow()}
              data-testid="unfollow"
            >
              {busy ? t('common.sending') : t('follow.unfollow')}
            </button>
          </section>
        </PublicCaseView>
      )}
    </Page>
  );
}
