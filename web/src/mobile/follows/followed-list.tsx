import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getData } from '../api.ts';
import { formatDateTime } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import type { FollowedCase } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { followedPath } from './follow-link.ts';
import { listKeptFollows } from './kept-follows.ts';

interface Row {
  key: string;
  to: string;
  title: string;
  summary: string;
  at: string;
  state?: string;
}

/**
 * 我关注的问题 on the home page: the cases followed from this phone without an account, and those followed
 * through the logged-in account. Renders nothing while there are none.
 */
export function FollowedList() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const account = useLoad(me ? `follows:${me.id}` : null, () =>
    getData<(FollowedCase & { followedAt: string })[]>('/api/follows'),
  );
  const rows: Row[] = [
    ...(me && account.data ? account.data : []).map((f) => ({
      key: `case:${f.handle}`,
      to: followedPath({ handle: f.handle }),
      title:
        (i18n.language === 'en-US' ? f.case.category?.nameEn : f.case.category?.nameZh) ??
        f.case.categoryCode,
      summary: f.case.description,
      at: f.followedAt,
      state: f.case.state,
    })),
    ...listKeptFollows().map((f) => ({
      key: `code:${f.followerCode}`,
      to: followedPath({ followerCode: f.followerCode }),
      title: f.categoryName,
      summary: f.summary,
      at: f.followedAt,
    })),
  ];
  if (!rows.length) return null;
  return (
    <section className="m-section" aria-labelledby="followed-title" data-testid="followed-list">
      <h2 id="followed-title">{t('follow.listTitle')}</h2>
      <ul className="m-list">
        {rows.map((r) => (
          <li key={r.key}>
            <Link className="m-card m-card-link" to={r.to} data-testid="followed-item">
              <span className="m-row-between">
                <span className="m-card-title">{r.title}</span>
                {r.state && <span className={`m-badge m-state-${r.state}`}>{t(`state.${r.state}`)}</span>}
              </span>
              <span className="m-task-desc">{r.summary}</span>
              <span className="m-meta">{t('follow.followedAt', { date: formatDateTime(r.at) })}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
