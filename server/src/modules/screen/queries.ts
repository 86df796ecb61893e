import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import { NOT_CARE_ALERT } from '../case-reports/kpi-definitions.ts';
import type { LightRow } from '../case-reports/lights.ts';

/** The newest case event's id (0 when there is none): where a new screen stream starts. */
export async function latestCaseEventId(db: Db): Promise<number> {
  const row = await one<{ id: number | null }>(db, sql`select max(id) as id from case_events`);
  return Number(row?.id ?? 0);
}

/** A case as it stands after one of its events: what a screen stream may say about it. */
export interface CaseChange extends LightRow {
  eventId: number;
  action: string;
  at: Date;
  id: number;
  categoryCode: string;
  orgCode: string;
  reportedAt: Date;
  lng: number | null;
  lat: number | null;
}

/**
 * The cases changed by events after `afterId`, oldest event first, at most `limit` events: each event with its
 * case as it is now (a screen shows where a case stands, not the history that led there). Care alerts are
 * left out: their point is a lone elder's home, which a display in a visited hall must not pulse (the care
 * panel counts them), and they are no part of the KPIs either (docs/kpis.md).
 */
export function caseChangesAfter(db: Db, afterId: number, limit: number): Promise<CaseChange[]> {
  return rows<CaseChange>(
    db,
    sql`select e.id as "eventId", e.action, e.at, c.id, c.state, c.category_code as "categoryCode",
          c.org_code as "orgCode", c.reported_at as "reportedAt",
          st_x(c.location) as lng, st_y(c.location) as lat,
          c.stage_started_at as "stageStartedAt", c.stage_deadline_at as "stageDeadlineAt"
        from case_events e join cases c on c.id = e.case_id
        where e.id > ${afterId} and ${NOT_CARE_ALERT}
        order by e.id limit ${limit}`,
  );
}
