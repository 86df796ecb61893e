import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../api/notifications.ts';
import { eventLabel } from './case-labels.ts';
import { ErrorAlert } from './error-alert.tsx';
import { formatShort } from './format-time.ts';

interface Props {
  query: UseQueryResult<{ data: NotificationView[]; unreadCount: number }>;
  onOpen: (n: NotificationView) => void;
  onReadAll: () => void;
  readingAll: boolean;
}

/** The bell's drop-down: newest first, unread ones marked; each entry is a button that opens its case. */
export function NotificationBellList({ query, onOpen, onReadAll, readingAll }: Props) {
  const { t, i18n } = useTranslation();
  const list = query.data?.data ?? [];
  let body: ReactNode;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (query.isError) body = <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  else if (list.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />;
  else
    body = (
      <ul className="bell-list" data-testid="notification-list">
        {list.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              className={n.readAt ? 'bell-item' : 'bell-item bell-item-unread'}
              data-testid="notification-item"
              data-case-id={n.caseId ?? ''}
              onClick={() => onOpen(n)}
            >
              <span className="bell-item-title">
                {!n.readAt && <span className="bell-unread-dot" role="img" aria-label={t('bell.unread')} />}
                <strong>{eventLabel(n.kind, t, i18n.language)}</strong> {n.title}
              </span>
              <span className="bell-item-time">{formatShort(n.createdAt)}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="bell-panel" role="dialog" aria-label={t('bell.title')}>
      <div className="bell-head">
        <Typography.Text strong>{t('bell.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          onClick={onReadAll}
          loading={readingAll}
          disabled={!query.data?.unreadCount}
          data-testid="notification-read-all"
        >
          {t('bell.readAll')}
        </Button>
      </div>
      {body}
    </div>
  );
}
