import type { CaseState } from '@civicgrid/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { request } from '../api.ts';
import { formatDateTime } from '../i18n/index.ts';
import type { SentReport } from './recent.ts';

interface Progress {
  state: CaseState;
  /** closed and not yet rated within the rating window: remind the resident */
  mayRate: boolean;
}

/** How many of the phone's recent reports are looked up (each lookup counts against the code-lookup limit). */
const LOOKED_UP = 5;

/** The state of each recent report by its tracking code; a report that cannot be looked up shows none. */
function useProgress(recent: SentReport[]): Record<string, Progress> {
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const codes = recent
    .slice(0, LOOKED_UP)
    .map((r) => r.trackingCode)
    .join(',');
  useEffect(() => {
    let live = true;
    for (const code of codes ? codes.split(',') : []) {
      request<{ data: { state: CaseState }; abilities: string[] }>('GET', `/api/track/${code}`)
        .then((res) => {
          if (!live) return;
          const p = { state: res.body.data.state, mayRate: res.body.abilities.includes('rate') };
          setProgress((all) => ({ ...all, [code]: p }));
        })
        .catch(() => undefined); // offline or limited: the list still shows what the phone knows
    }
    return () => {
      live = false;
    };
  }, [codes]);
  return progress;
}

/** 我提交的反映: what this phone sent, each with its state and, once closed, a reminder to rate it. */
export function RecentList({ recent }: { recent: SentReport[] }) {
  const { t } = useTranslation();
  const progress = useProgress(recent);
  if (recent.length === 0) return <p className="m-hint">{t('landing.recentEmpty')}</p>;
  return (
    <ul className="m-list">
      {recent.map((r) => {
        const p = progress[r.trackingCode];
        return (
          <li key={r.trackingCode}>
            <Link className="m-card m-card-link" to={`/track/${r.trackingCode}`} data-testid="recent-item">
              <span className="m-row-between">
                <span className="m-card-title">{r.categoryName}</span>
                {p && (
                  <span className={`m-badge m-state-${p.state}`} data-testid="recent-state">
                    {t(`state.${p.state}`)}
                  </span>
                )}
              </span>
              <span className="m-code-small">{r.trackingCode}</span>
              <span className="m-meta">{formatDateTime(r.sentAt)}</span>
              {p?.mayRate && (
                <span className="m-notice m-notice-ok" data-testid="recent-rate">
                  {t('recentRate')}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
