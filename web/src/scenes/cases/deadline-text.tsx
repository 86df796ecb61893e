import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime, minutesUntil } from '../../components/format-time.ts';

/** "3 小时 20 分" / "2 天 4 小时" from minutes. */
function span(minutes: number, t: TFunction): string {
  const m = Math.abs(minutes);
  if (m >= 24 * 60) return t('time.daysHours', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
  if (m >= 60) return t('time.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 });
  return t('time.minutes', { m });
}

/** A deadline with the (wall-clock) time left, or how long it is overdue, while the case is open. */
export function DeadlineText({ deadline, open }: { deadline: string | null; open: boolean }) {
  const { t } = useTranslation();
  if (!deadline) return <>{t('case.noDeadline')}</>;
  const left = minutesUntil(deadline);
  return (
    <span data-testid="case-deadline">
      {formatDateTime(deadline)}
      {open && (
        <Typography.Text type={left < 0 ? 'danger' : 'secondary'} className="deadline-left">
          {left < 0 ? t('time.overdue', { span: span(left, t) }) : t('time.left', { span: span(left, t) })}
        </Typography.Text>
      )}
    </span>
  );
}
