import type { Db } from '../../infra/db.ts';
import type { CaseRow } from '../cases/case-row.ts';
import { requirePublicCase } from '../cases/present-public-case.ts';
import { withoutTrackingCodes } from '../cases/tracking-code.ts';
import type { FollowHandles } from './handles.ts';

/**
 * A followed case as its follower sees it: the handle it is followed by and the public presenter's view,
 * with no tracking code anywhere in it (the code is the reporter's; a follower only watches).
 */
export async function presentFollowedCase(db: Db, c: CaseRow, handles: FollowHandles) {
  return { handle: handles.handleOf(c.id), case: withoutTrackingCodes(await requirePublicCase(db, c.id)) };
}
