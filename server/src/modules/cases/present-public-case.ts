import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import type { CaseRow } from './case-row.ts';
import { listCaseEvents, listCasePhotos } from './queries.ts';

/** What the resident's tracking page shows: no internal notes, no names, no reporter data. */
export async function presentPublicCase(db: Db, c: CaseRow) {
  const category = await one<{ nameZh: string; nameEn: string }>(
    db,
    sql`select name_zh as "nameZh", name_en as "nameEn" from categories where code = ${c.categoryCode}`,
  );
  const photos = await listCasePhotos(db, c.id);
  return {
    trackingCode: c.trackingCode,
    state: c.state,
    categoryCode: c.categoryCode,
    category,
    description: c.description,
    address: c.address,
    reportedAt: c.reportedAt,
    replyDeadlineAt: c.replyDeadlineAt,
    closedAt: c.closedAt,
    rating: c.rating,
    timeline: (await listCaseEvents(db, c.id, true)).map(({ actorName, actorRole, data, ...e }) => ({
      ...e,
      data: publicData(data),
    })),
    photos: photos.map((p) => ({ id: p.id, kind: p.kind, eventId: p.eventId })),
  };
}

/** The parts of event data a resident may see (deadlines, ratings), never unit-internal details. */
function publicData(data: Record<string, unknown>): Record<string, unknown> {
  const keep = ['replyDeadlineAt', 'rating', 'reopenCount', 'masterTrackingCode', 'unitName'];
  return Object.fromEntries(Object.entries(data).filter(([k]) => keep.includes(k)));
}
