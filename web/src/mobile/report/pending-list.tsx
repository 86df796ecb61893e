import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../i18n/index.ts';
import {
  discardPending,
  isSending,
  outboxEvents,
  type PendingReport,
  retryPending,
  type SentEvent,
} from '../outbox/outbox.ts';
import { listPending } from '../outbox/outbox-db.ts';

/** The reports kept on this phone until they can be sent, with their state; empty renders nothing. */
export function PendingList() {
  const { t } = useTranslation();
  const [items, setItems] = useState<PendingReport[]>([]);
  const [sent, setSent] = useState<SentEvent[]>([]);

  const refresh = useCallback(() => {
    void listPending().then(setItems);
  }, []);

  useEffect(() => {
    refresh();
    const onSent = (e: Event) => setSent((s) => [...s, (e as CustomEvent<SentEvent>).detail]);
    outboxEvents.addEventListener('change', refresh);
    outboxEvents.addEventListener('sent', onSent);
    return () => {
      outboxEvents.removeEventListener('change', refresh);
      outboxEvents.removeEventListener('sent', onSent);
    };
  }, [refresh]);

  if (!items.length && !sent.length) return null;
  return (
    <section className="m-section" aria-labelledby="pending-title" data-testid="pending-list">
      {sent.map((s) => (
        <p key={s.key} className="m-notice m-notice-ok" role="status" data-testid="pending-sent">
          <span>
            {t('outbox.sent', { category: s.categoryName })}{' '}
            <Link className="m-nowrap" to={`/track/${s.result.trackingCode}`}>
              {s.result.trackingCode}
            </Link>
          </span>
        </p>
      ))}
      {items.length > 0 && <h2 id="pending-title">{t('outbox.title')}</h2>}
      <ul className="m-list">
        {items.map((p) => (
          <li key={p.key} className="m-card" data-testid="pending-item">
            <p className="m-card-title">{p.categoryName}</p>
            <p className="m-meta">
              {formatDateTime(p.createdAt)}
              {p.photos.length > 0 && ` · ${t('outbox.photos', { n: p.photos.length })}`}
            </p>
            <p className={p.status === 'failed' ? 'm-field-error' : 'm-meta'} data-testid="pending-status">
              {isSending(p.key)
                ? t('outbox.sending')
                : p.status === 'failed'
                  ? t('outbox.failed', { message: p.error ?? '' })
                  : p.error
                    ? t('limits.waitingServer', { message: p.error })
                    : t('outbox.waiting')}
            </p>
            <div className="m-row">
              <button
                type="button"
                className="m-btn m-btn-small"
                disabled={isSending(p.key)}
                onClick={() => void retryPending({ ...p, status: 'waiting' })}
              >
                {t('outbox.retryNow')}
              </button>
              <button
                type="button"
                className="m-btn m-btn-small m-btn-danger"
                disabled={isSending(p.key)}
                onClick={() => {
                  if (window.confirm(t('outbox.removeConfirm'))) void discardPending(p.key);
                }}
              >
                {t('outbox.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
