import type { Light } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { Deadlines } from '../cases/deadlines.ts';
import { at, type CaseFilters, narrowToCode, underAnyOrg } from './filters.ts';

/**
 * The traffic light has one definition (docs/kpis.md, "The traffic light"): the share of the current stage's
 * **working** time used, as the workflow judges it (`Deadlines.light`, on the district calendar). Lists, the
 * map and the ledger used to approximate it in wall-clock time and disagreed with the case page whenever a
 * night or a holiday fell inside the stage; they now take it from here.
 */

const STOPPED = new Set(['closed', 'rejected', 'suspended']);

/** A row that has a light: its state and its current stage's start and deadline. */
export interface LightRow {
  state: string;
  stageStartedAt: Date | null;
  stageDeadlineAt: Date | null;
}

/** The light of one case at `now`; null for stopped cases and cases without a running stage. */
export function lightOf(deadlines: Deadlines, r: LightRow, now: Date): Light | null {
  if (STOPPED.has(r.state)) return null;
  return deadlines.light(r.stageStartedAt, r.stageDeadlineAt, now);
}

/** Sets `light` on each row from its stage (one calendar load per call, cached per process). */
export async function withLights<T extends LightRow>(
  db: Db,
  list: T[],
  now: Date,
): Promise<(T & { light: Light | null })[]> {
  if (!list.length) return [];
  const deadlines = await Deadlines.load(db);
  return list.map((r) => ({ ...r, light: lightOf(deadlines, r, now) }));
}

/**
 * The filters with a green or yellow light filter resolved to the ids of the running cases that have that
 * light now: working time cannot be judged in SQL, but running cases are few (≈ 1,600 at 1,000,000 cases),
 * so they are judged here and handed to the query as ids. Red alone stays a plain SQL condition (past the
 * stage deadline, the same in wall-clock and working time). Also resolves a whole tracking code.
 */
export async function prepareFilters(db: Db, f: CaseFilters, now: Date): Promise<CaseFilters> {
  const narrowed = await narrowToCode(db, f);
  const wanted = narrowed.light;
  if (!wanted?.length || (wanted.length === 1 && wanted[0] === 'red')) return narrowed;
  const org = narrowed.org?.length ? underAnyOrg(narrowed.org) : sql`true`;
  const running = await rows<LightRow & { id: number }>(
    db,
    sql`select c.id, c.state, c.stage_started_at as "stageStartedAt", c.stage_deadline_at as "stageDeadlineAt"
        from cases c
        where c.state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check') and ${org}
          and c.stage_started_at is not null and c.stage_deadline_at is not null
          ${wanted.includes('red') ? sql`` : sql`and c.stage_deadline_at >= ${at(now)}`}`,
  );
  const deadlines = await Deadlines.load(db);
  const lightIds = running.filter((r) => wanted.includes(lightOf(deadlines, r, now)!)).map((r) => r.id);
  return { ...narrowed, lightIds };
}
