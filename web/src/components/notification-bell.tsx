import './notification-bell.css';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Popover } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATIONS_KEY,
  type NotificationView,
  useNotifications,
} from '../api/notifications.ts';
import { NotificationBellList } from './notification-bell-list.tsx';
import { useIsDesktop } from './use-media-query.ts';
import { useNotificationStream } from './use-notification-stream.ts';

/** The header bell: unread badge, the newest notifications, live by SSE with polling as the fallback. */
export function NotificationBell() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const isDesktop = useIsDesktop();
  const [open, setOpen] = useState(false);
  const live = useNotificationStream(true);
  const inbox = useNotifications(!live);
  const unread = inbox.data?.unreadCount ?? 0;
  const shownCount = unread > 99 ? '99+' : String(unread);
  const refresh = () => void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const readOne = useMutation({ mutationFn: markNotificationRead, onSettled: refresh });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSettled: refresh });

  const openItem = (n: NotificationView) => {
    if (!n.readAt) readOne.mutate(n.id);
    setOpen(false);
    if (n.caseId !== null) navigate(`/cases/${n.caseId}`);
  };

  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement={isDesktop ? 'bottomRight' : 'bottom'}
      arrow={false}
      content={
        <NotificationBellList
          query={inbox}
          onOpen={openItem}
          onReadAll={() => readAll.mutate()}
          readingAll={readAll.isPending}
        />
      }
    >
      <Button
        type="text"
        data-testid="notification-bell"
        data-unread={unread}
        data-loaded={inbox.isSuccess}
        data-live={live}
        // the name says the count as the badge shows it (99+), so what is seen is what a screen reader says
        aria-label={unread ? t('bell.labelUnread', { count: shownCount }) : t('bell.label')}
        aria-haspopup="dialog"
        aria-expanded={open}
        icon={
          // a plain badge rather than antd's rolling digits: while a count rolls, its column of digits is
          // text a screen reader's name for the button would not contain
          <span className="bell-wrap">
            <BellOutlined className="bell-icon" />
            {unread > 0 && (
              <span className="bell-count" data-testid="notification-count">
                {shownCount}
              </span>
            )}
          </span>
        }
      />
    </Popover>
  );
}
