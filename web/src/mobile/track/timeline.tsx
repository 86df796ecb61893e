import { publicStepText } from '@civicgrid/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/index.ts';
import type { PhotoRef, TimelineEvent } from '../types.ts';
import { PhotoStrip } from './photo-strip.tsx';

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * One event as a plain sentence: on the public page in the server's own public wording (publicStepText, the
 * same the console's preview shows); for staff from the phone's strings (dispatch names the unit when known).
 */
export function sentenceOf(e: TimelineEvent, t: TFunction, staff = false, lang: 'zh' | 'en' = 'zh'): string {
  const d = e.data ?? {};
  if (!staff) return publicStepText(e, lang);
  switch (e.action) {
    case 'report':
      return t('timeline.reportStaff');
    case 'file': {
      const reply = str(d.replyDeadlineAt);
      return reply ? t('timeline.fileReply', { date: formatDateTime(reply) }) : t('timeline.file');
    }
    case 'reject':
      return e.reason ? t('timeline.reject', { reason: e.reason }) : t('timeline.rejectNoReason');
    case 'merge':
      // staff see which case it joined; a resident's page names no other case
      return staff && typeof d.masterId === 'number'
        ? t('timeline.mergeCase', { id: d.masterId })
        : t('timeline.merge');
    case 'dispatch': {
      const unit = str(d.unitName);
      return unit ? t('timeline.dispatchUnit', { unit }) : t('timeline.dispatch');
    }
    case 'rate': {
      const rating = str(d.rating);
      return t('timeline.rate', { rating: rating ? t(`track.rating.${rating}`) : '' });
    }
    default: {
      const key = `timeline.${e.action}`;
      return t(key, { defaultValue: t('timeline.other') });
    }
  }
}

interface TimelineProps {
  events: TimelineEvent[];
  /** photos to show under the step they belong to (the staff view); none on the public page */
  photos?: PhotoRef[];
  /** staff see who acted and their notes */
  staff?: boolean;
}

/** The case's history, newest first, with the photos taken at each step. */
export function Timeline({ events, photos, staff }: TimelineProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  const ordered = [...events].reverse();
  return (
    <ol className="m-timeline" data-testid="track-timeline">
      {ordered.map((e, i) => {
        const own = (photos ?? []).filter((p) => p.eventId === e.id);
        // the staff sentence of a rejection already quotes its reason; a public note is shown as it is
        const showReason = e.reason && (!staff || e.action !== 'reject');
        return (
          <li
            key={e.id}
            className={i === 0 ? 'm-tl-item m-tl-current' : 'm-tl-item'}
            data-testid="timeline-item"
            data-action={e.action}
          >
            <span className="m-tl-dot" aria-hidden="true" />
            <p className="m-tl-text">{sentenceOf(e, t, staff, lang)}</p>
            <p className="m-meta">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {staff && e.actorName ? ` · ${e.actorName}` : ''}
            </p>
            {showReason && <p className="m-tl-reason">{e.reason}</p>}
            {own.length > 0 && <PhotoStrip photos={own} />}
          </li>
        );
      })}
    </ol>
  );
}
