import { publicStepLine } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { listPublicEventsBetween, type PublicEvent } from '../cases/public-queries.ts';
import { fmsStatusOf } from './fms-status.ts';
import { param, parseW3c, positiveInt, type RawParams, secondAfter, wholeSecond } from './params.ts';
import { w3c } from './present.ts';
import { badRequest, type Lang } from './respond.ts';
import type { Value } from './xml.ts';

const HOUR_MS = 3_600_000;
/** The longest window one GET servicerequestupdates may ask for, and its default when no end is given. */
export const UPDATES_MAX_SPAN_DAYS = 90;
/** At most this many updates per answer (FixMyStreet reads no pages; a busy day at 1,000,000 cases a year holds ≈ 11,500); `page` reaches further. */
export const UPDATES_PAGE_SIZE = 50_000;

/** The window and page of GET servicerequestupdates: [from, until) at whole seconds. */
export interface UpdatesQuery {
  from: Date;
  until: Date;
  page: number;
  pageSize: number;
}

/**
 * Reads start_date/end_date as FixMyStreet sends them (both, or neither): neither is the last 24 hours, a start
 * alone runs to now, an end alone reaches 24 hours back. Both ends count to the second, the end inclusive:
 * times are shown to the second, so an update shown at the end_date is in the window.
 */
export function parseUpdatesQuery(params: RawParams, now = new Date()): UpdatesQuery {
  const from = param(params, 'start_date');
  const to = param(params, 'end_date');
  const end = to ? parseW3c(to, 'end_date') : now;
  const start = from ? parseW3c(from, 'start_date') : new Date(end.getTime() - 24 * HOUR_MS);
  if (end < start) throw badRequest({ zh: 'end_date 早于 start_date', en: 'end_date is before start_date' });
  if (end.getTime() - start.getTime() > UPDATES_MAX_SPAN_DAYS * 24 * HOUR_MS) {
    throw badRequest({
      zh: `start_date 至 end_date 不能超过 ${UPDATES_MAX_SPAN_DAYS} 天`,
      en: `start_date to end_date may not span more than ${UPDATES_MAX_SPAN_DAYS} days`,
    });
  }
  return {
    from: wholeSecond(start),
    until: secondAfter(end),
    page: positiveInt(params, 'page') ?? 1,
    pageSize: Math.min(positiveInt(params, 'page_size') ?? UPDATES_PAGE_SIZE, UPDATES_PAGE_SIZE),
  };
}

/** A public step as an update: the public event and the first photo attached to it. */
export interface UpdateRow extends PublicEvent {
  photoId: string | null;
}

/**
 * The public steps of public cases in the window, oldest first, except the report itself (that is the
 * request, not an update of it) and the steps a client's own POSTed update became (it has them already).
 */
export async function listUpdates(db: Db, q: UpdatesQuery): Promise<UpdateRow[]> {
  const events = await listPublicEventsBetween(
    db,
    {
      from: q.from,
      until: q.until,
      also: sql`e.action <> 'report' and not exists (select 1 from open311_updates u where u.event_id = e.id)`,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  if (!events.length) return [];
  const photos = await rows<{ eventId: number; id: string }>(
    db,
    sql`select distinct on (p.event_id) p.event_id as "eventId", p.id::text as id from case_photos p
        where p.event_id = any(${`{${events.map((e) => e.id).join(',')}}`}::int[]) order by p.event_id, p.created_at, p.id`,
  );
  const byEvent = new Map(photos.map((p) => [p.eventId, p.id]));
  return events.map((e) => ({ ...e, photoId: byEvent.get(e.id) ?? null }));
}

/**
 * One request_update of the FMS extension: the event id as update_id, the case's status after the step in
 * FixMyStreet's extended set, the step in the tracking page's words (a staff note only when published), and
 * the step's first photo, EXIF-free, as media_url.
 */
export function presentUpdate(u: UpdateRow, lang: Lang, baseUrl: string): Value {
  const rejectReason = typeof u.data.rejectReason === 'string' ? u.data.rejectReason : null;
  return {
    update_id: String(u.id),
    service_request_id: String(u.caseId),
    status: fmsStatusOf({ toState: u.toState, action: u.action, rejectReason }),
    updated_datetime: w3c(u.at),
    description: publicStepLine({ action: u.action, data: u.data, note: u.reason }, lang),
    media_url: u.photoId ? `${baseUrl}/api/photos/${u.photoId}/public` : null,
  };
}
