import { ROLES, type Role } from '@civicgrid/shared';
import { Image, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseEvent, CasePhoto } from '../../api/case-types.ts';
import { eventLabel, stateLabel } from '../../components/case-labels.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { roleLabel } from '../../components/role-label.ts';

const COLORS: Record<string, string> = {
  reject: 'gray',
  merge: 'gray',
  return: 'red',
  check_fail: 'red',
  escalate: 'red',
  report_in_overdue: 'red',
  reopen: 'red',
  supervise: 'orange',
  close: 'green',
  check_pass: 'green',
  fix_on_spot: 'green',
};

/** The facts an event's data adds, as short sentences (unit, deadlines, marks, rating). */
function details(e: CaseEvent, t: TFunction): string[] {
  const d = e.data;
  const out: string[] = [];
  if (typeof d.unitName === 'string') out.push(t('timeline.unit', { unit: d.unitName }));
  if (typeof d.deadlineAt === 'string')
    out.push(t('timeline.deadline', { at: formatDateTime(d.deadlineAt) }));
  if (typeof d.newDeadlineAt === 'string')
    out.push(t('timeline.newDeadline', { at: formatDateTime(d.newDeadlineAt) }));
  if (typeof d.replyDeadlineAt === 'string')
    out.push(t('timeline.replyDeadline', { at: formatDateTime(d.replyDeadlineAt) }));
  if (typeof d.level === 'string') out.push(t(`supervision.${d.level}`));
  if (typeof d.rating === 'string') out.push(t(`rating.${d.rating}`));
  if (typeof d.masterId === 'number') out.push(t('timeline.master', { id: d.masterId }));
  if (typeof d.mergedId === 'number') out.push(t('timeline.merged', { id: d.mergedId }));
  if (Array.isArray(d.units))
    out.push(
      t('timeline.coUnits', { units: d.units.map((u: { name?: string }) => u.name ?? '').join('、') }),
    );
  if (typeof d.referredTo === 'string') out.push(t('timeline.referredTo', { body: d.referredTo }));
  if (typeof d.dueAt === 'string') out.push(t('timeline.reportInDue', { at: formatDateTime(d.dueAt) }));
  return out;
}

/** Whether the resident sees the step, and its note, on the tracking page. */
function VisibilityTags({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  return (
    <span className="timeline-visibility" data-testid="event-visibility" data-public={event.public}>
      <Tag color={event.public ? 'green' : 'default'} bordered={false}>
        {event.public ? t('visibility.public') : t('visibility.internal')}
      </Tag>
      {event.reason && (
        <Tag color={event.notePublic ? 'green' : 'default'} bordered={false} data-testid="note-visibility">
          {event.notePublic ? t('visibility.notePublic') : t('visibility.noteInternal')}
        </Tag>
      )}
    </span>
  );
}

function actorText(e: CaseEvent, lang: string): string | null {
  const role =
    e.actorRole && (ROLES as readonly string[]).includes(e.actorRole)
      ? roleLabel(e.actorRole as Role, lang)
      : null;
  return [e.actorName, role].filter(Boolean).join(' · ') || null;
}

/** The case's history, oldest first: what happened, who did it, why, and the photos taken with it. */
export function CaseTimeline({ events, photos }: { events: CaseEvent[]; photos: CasePhoto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => {
        const own = photos.filter((p) => p.eventId === e.id);
        const actor = actorText(e, i18n.language);
        return {
          key: e.id,
          color: COLORS[e.action] ?? 'blue',
          content: (
            <div className="timeline-entry" data-testid="timeline-entry" data-action={e.action}>
              <div className="timeline-head">
                <Typography.Text strong>{eventLabel(e.action, t, i18n.language)}</Typography.Text>
                {e.fromState !== e.toState && (
                  <Typography.Text type="secondary">
                    {' '}
                    → {stateLabel(e.toState, i18n.language)}
                  </Typography.Text>
                )}
                <VisibilityTags event={e} />
              </div>
              <div className="timeline-meta">
                {formatDateTime(e.at)}
                {actor && ` · ${actor}`}
              </div>
              {e.reason && <div className="timeline-reason">{e.reason}</div>}
              {details(e, t).map((line) => (
                <div key={line} className="timeline-detail">
                  {line}
                </div>
              ))}
              {own.length > 0 && (
                <Image.PreviewGroup>
                  <div className="timeline-photos">
                    {own.map((p) => (
                      <Image
                        key={p.id}
                        width={56}
                        height={56}
                        src={`/api/photos/${p.id}/thumb`}
                        preview={{ src: `/api/photos/${p.id}` }}
                        alt={t(`photoKinds.${p.kind}`)}
                      />
                    ))}
                  </div>
                </Image.PreviewGroup>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
