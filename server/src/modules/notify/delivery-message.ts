import { publicStepText } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { findPublicCase, findPublicEvent } from '../cases/public-queries.ts';
import type { CaseEventMessage } from './messages.ts';

/**
 * The message of a hook of a unit or an org area (only administrators create those): the whole step with its
 * note, the case number, category, urgency and area. No tracking code and no reporter.
 */
export function staffMessage(db: Db, eventId: number): Promise<CaseEventMessage | null> {
  return one<CaseEventMessage>(
    db,
    sql`select 'staff' as audience, c.id as "caseId", c.category_code as "categoryCode",
          coalesce(k.name_zh, c.category_code) as "categoryName", e.action, e.from_state as "fromState",
          e.to_state as "toState", c.address, e.at, e.reason, null as step, c.urgency, c.org_code as "orgCode",
          x.ref as "externalRef", u.name as "unitName", e.data ->> 'referredTo' as "referredTo"
        from case_events e
        join cases c on c.id = e.case_id
        left join categories k on k.code = c.category_code
        left join units u on u.id = c.unit_id
        left join case_external_refs x on x.case_id = c.id
        where e.id = ${eventId}`,
  );
}

/**
 * The message of a personal hook, which may post to any chat: built from the public-only queries, so it says
 * what the tracking page says about the step. Null when the step or its case is not public.
 */
export async function publicMessage(db: Db, eventId: number): Promise<CaseEventMessage | null> {
  const e = await findPublicEvent(db, eventId);
  const c = e && (await findPublicCase(db, e.caseId));
  if (!e || !c) return null;
  return {
    audience: 'public',
    caseId: c.id,
    categoryCode: c.categoryCode,
    categoryName: c.categoryNameZh,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    address: c.address,
    at: e.at,
    reason: e.reason,
    step: publicStepText(e, 'zh'),
    urgency: null,
    orgCode: null,
  };
}
