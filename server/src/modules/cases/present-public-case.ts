import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import {
  findPublicCase,
  listPublicEvents,
  listPublicPhotos,
  type PublicCaseRow,
  type PublicEvent,
  type PublicPhoto,
} from './public-queries.ts';

/** What anyone who is not staff on the case receives: public fields, public steps, photos of public steps. */
export interface PublicCaseView {
  id: number;
  state: PublicCaseRow['state'];
  categoryCode: string;
  category: { nameZh: string; nameEn: string };
  description: string;
  address: string | null;
  /** 社区 · 网格 of the place, in the two languages */
  area: { nameZh: string; nameEn: string } | null;
  reportedAt: Date;
  replyDeadlineAt: Date | null;
  closedAt: Date | null;
  rating: PublicCaseRow['rating'];
  timeline: Omit<PublicEvent, 'caseId'>[];
  photos: PublicPhoto[];
}

/**
 * The one public presenter: the tracking page, a reporter's own view, followers and anything else a non-staff
 * caller receives. It reads a PublicCaseRow (public columns only) and the public-only event and photo
 * queries, so it cannot reach the tracking code, names, phones or internal notes. Null when the case does not
 * exist or is not public (internal source, care alert).
 */
export async function presentPublicCase(
  db: Db,
  source: number | PublicCaseRow,
): Promise<PublicCaseView | null> {
  const c = typeof source === 'number' ? await findPublicCase(db, source) : source;
  if (!c) return null;
  const events = await listPublicEvents(db, [c.id]);
  return {
    id: c.id,
    state: c.state,
    categoryCode: c.categoryCode,
    category: { nameZh: c.categoryNameZh, nameEn: c.categoryNameEn },
    description: c.description,
    address: c.address,
    area: c.areaName ? { nameZh: c.areaName, nameEn: c.areaNameEn ?? c.areaName } : null,
    reportedAt: c.reportedAt,
    replyDeadlineAt: c.replyDeadlineAt,
    closedAt: c.closedAt,
    rating: c.rating,
    timeline: events.map(({ caseId: _caseId, ...e }) => e),
    photos: await listPublicPhotos(db, c.id),
  };
}

/** presentPublicCase for a route: 404 when the case does not exist or is not public. */
export async function requirePublicCase(db: Db, source: number | PublicCaseRow): Promise<PublicCaseView> {
  const view = await presentPublicCase(db, source);
  if (!view) throw notFound();
  return view;
}
