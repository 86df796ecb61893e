import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../server/src/infra/db.ts';

/**
 * What the accepted (2xx) answers of a fuzz run account for, recorded as they arrive. After the run, the
 * database and the photo folder must hold exactly this much more than before, and nothing else: a row or a
 * file that no accepted answer accounts for was stored for a rejected input.
 */
export class Ledger {
  /** cases answered 201 (intake and Open311), by id */
  readonly created = new Set<number>();
  /** of those, the ones a logged-in user reported (who then follows them), as `caseId userId` */
  readonly reporterFollows = new Set<string>();
  /** photos of the accepted reports */
  photos = 0;
  /** accepted reports that carried an Idempotency-Key (each stores one key) */
  idempotencyKeys = 0;
  open311Requests = 0;
  /** anonymous follows answered 201 (each stores one follower code), by the case they follow */
  readonly followCodes: number[] = [];
  /** follows by account answered 201, as `caseId userId` */
  readonly accountFollows = new Set<string>();
  sessions = 0;
  /** accepted answers that should not have been accepted at all, noticed as they arrived */
  readonly anomalies: string[] = [];
  /** accepted rate/reopen answers per case id */
  readonly actions = new Map<number, { ratings: string[]; reopens: number }>();

  /** Records an accepted rating or reopening. */
  acted(caseId: number, action: 'rate' | 'reopen', rating?: string): void {
    const a = this.actions.get(caseId) ?? { ratings: [], reopens: 0 };
    if (action === 'rate') a.ratings.push(rating ?? '?');
    else a.reopens++;
    this.actions.set(caseId, a);
  }
}

/** Tables whose rows the run may add for rejected inputs too (the stated exception) or never touches. */
const EXEMPT = new Set(['login_attempts', 'login_guards']);
/** Tables whose growth the ledger accounts for row by row. */
const ACCOUNTED = new Set([
  'cases',
  'case_events',
  'case_photos',
  'notifications',
  'idempotency_keys',
  'open311_requests',
  'case_follow_codes',
  'case_followers',
  'sessions',
]);

/** The database and photo folder before the run. */
export interface Snapshot {
  counts: Map<string, number>;
  maxCase: number;
  maxEvent: number;
  maxNotification: number;
  /** md5 of each existing case row, to see which ones changed, and its count of reopenings */
  caseRows: Map<number, string>;
  reopens: Map<number, number>;
  events: Map<number, number>;
  followers: Set<string>;
  photoFolders: Set<string>;
}

async function photoFolders(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const prefix of await readdir(dir).catch(() => [])) {
    for (const id of await readdir(path.join(dir, prefix)).catch(() => [])) out.add(id);
  }
  return out;
}

async function tableCounts(db: Db): Promise<Map<string, number>> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts = new Map<string, number>();
  for (const { name } of tables) {
    const r = await one<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(name)}`);
    counts.set(name, r?.n ?? 0);
  }
  return counts;
}

const max = async (db: Db, table: string) =>
  (await one<{ n: number }>(db, sql`select coalesce(max(id), 0)::int as n from ${sql.identifier(table)}`))
    ?.n ?? 0;

/** Takes the snapshot the run is compared with. */
export async function snapshot(db: Db, photoDir: string): Promise<Snapshot> {
  const caseRows = await rows<{ id: number; h: string; reopens: number }>(
    db,
    sql`select id, md5(row_to_json(c)::text) as h, reopen_count as reopens from cases c`,
  );
  const events = await rows<{ id: number; n: number }>(
    db,
    sql`select case_id as id, count(*)::int as n from case_events group by case_id`,
  );
  const followers = await rows<{ k: string }>(
    db,
    sql`select case_id || ' ' || user_id as k from case_followers`,
  );
  return {
    counts: await tableCounts(db),
    maxCase: await max(db, 'cases'),
    maxEvent: await max(db, 'case_events'),
    maxNotification: await max(db, 'notifications'),
    caseRows: new Map(caseRows.map((r) => [r.id, r.h])),
    reopens: new Map(caseRows.map((r) => [r.id, r.reopens])),
    events: new Map(events.map((r) => [r.id, r.n])),
    followers: new Set(followers.map((r) => r.k)),
    photoFolders: await photoFolders(photoDir),
  };
}

const sameSet = <T>(a: Set<T>, b: Set<T>) => a.size === b.size && [...a].every((x) => b.has(x));
const few = <T>(xs: Iterable<T>) => [...xs].slice(0, 8).join(', ');

/**
 * Compares the database and photo folder with the snapshot and the ledger; returns one line per thing stored
 * that no accepted answer accounts for (or accounted for but missing). Empty means nothing leaked.
 */
export async function audit(db: Db, photoDir: string, before: Snapshot, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [...ledger.anomalies];
  const after = await snapshot(db, photoDir);
  const grew = (t: string) => (after.counts.get(t) ?? 0) - (before.counts.get(t) ?? 0);

  for (const [table, n] of after.counts) {
    if (EXEMPT.has(table) || ACCOUNTED.has(table)) continue;
    if (n !== before.counts.get(table)) problems.push(`${table}: ${before.counts.get(table)} → ${n} rows`);
  }

  const newCases = new Set(
    (await rows<{ id: number }>(db, sql`select id from cases where id > ${before.maxCase}`)).map((r) => r.id),
  );
  if (!sameSet(newCases, ledger.created)) {
    const extra = [...newCases].filter((id) => !ledger.created.has(id));
    const missing = [...ledger.created].filter((id) => !newCases.has(id));
    problems.push(`cases: ${newCases.size} new, ${ledger.created.size} answered 201; stored but not answered:
      [${few(extra)}]; answered but not stored: [${few(missing)}]`);
  }

  const acted = new Set(ledger.actions.keys());
  const events = await rows<{ caseId: number; n: number; first: string }>(
    db,
    sql`select case_id as "caseId", count(*)::int as n, min(action) filter (where action = 'report') as first
        from case_events where id > ${before.maxEvent} group by case_id`,
  );
  for (const e of events) {
    if (ledger.created.has(e.caseId)) {
      if (e.first !== 'report') problems.push(`case_events: new case ${e.caseId} has no report event`);
      continue;
    }
    const a = ledger.actions.get(e.caseId);
    const expected = a ? a.ratings.length + a.reopens : 0;
    if (e.n !== expected)
      problems.push(`case_events: case ${e.caseId} got ${e.n} events, ${expected} accepted actions`);
  }
  const withEvents = new Set(events.map((e) => e.caseId));
  for (const id of ledger.created)
    if (!withEvents.has(id)) problems.push(`case_events: new case ${id} has none`);

  const notified = await rows<{ caseId: number | null; n: number }>(
    db,
    sql`select case_id as "caseId", count(*)::int as n from notifications
        where id > ${before.maxNotification} group by case_id`,
  );
  for (const r of notified) {
    if (r.caseId === null || (!ledger.created.has(r.caseId) && !acted.has(r.caseId)))
      problems.push(`notifications: ${r.n} for case ${r.caseId}, which no accepted answer touched`);
  }

  const afterRows = await rows<{ id: number; h: string; rating: string | null; reopens: number }>(
    db,
    sql`select id, md5(row_to_json(c)::text) as h, rating, reopen_count as reopens from cases c
        where id <= ${before.maxCase}`,
  );
  for (const r of afterRows) {
    const a = ledger.actions.get(r.id);
    if (!a) {
      if (r.h !== before.caseRows.get(r.id))
        problems.push(`cases: case ${r.id} changed without an accepted action`);
      continue;
    }
    const reopened = r.reopens - (before.reopens.get(r.id) ?? 0);
    if (reopened !== a.reopens)
      problems.push(`cases: case ${r.id} reopened ${reopened} times, ${a.reopens} accepted`);
    const rating = a.ratings.at(-1);
    if (rating !== undefined && r.rating !== rating)
      problems.push(`cases: case ${r.id} rating ${r.rating}, last accepted ${rating}`);
  }

  const photos = await rows<{ id: string; caseId: number }>(
    db,
    sql`select id::text as id, case_id as "caseId" from case_photos where case_id > ${before.maxCase}`,
  );
  if (grew('case_photos') !== photos.length || photos.length !== ledger.photos)
    problems.push(
      `case_photos: ${grew('case_photos')} new rows, ${photos.length} on new cases, ${ledger.photos} accepted`,
    );
  for (const p of photos)
    if (!ledger.created.has(p.caseId)) problems.push(`case_photos: ${p.id} on unanswered case ${p.caseId}`);
  const newFolders = [...after.photoFolders].filter((f) => !before.photoFolders.has(f));
  const attached = new Set(photos.map((p) => p.id));
  const orphans = newFolders.filter((f) => !attached.has(f));
  if (orphans.length || newFolders.length !== photos.length)
    problems.push(
      `photo files: ${newFolders.length} new folders, ${photos.length} attached photos; orphans: [${few(orphans)}]`,
    );

  if (grew('idempotency_keys') !== ledger.idempotencyKeys)
    problems.push(`idempotency_keys: ${grew('idempotency_keys')} new, ${ledger.idempotencyKeys} accepted`);
  if (grew('open311_requests') !== ledger.open311Requests)
    problems.push(`open311_requests: ${grew('open311_requests')} new, ${ledger.open311Requests} accepted`);
  if (grew('case_follow_codes') !== ledger.followCodes.length)
    problems.push(
      `case_follow_codes: ${grew('case_follow_codes')} new, ${ledger.followCodes.length} accepted`,
    );
  const newFollowers = new Set([...after.followers].filter((k) => !before.followers.has(k)));
  const expectedFollowers = new Set([...ledger.reporterFollows, ...ledger.accountFollows]);
  if (!sameSet(newFollowers, expectedFollowers))
    problems.push(
      `case_followers: new [${few(newFollowers)}], accepted [${few(expectedFollowers)}] (${newFollowers.size} vs ${expectedFollowers.size})`,
    );
  if (grew('sessions') !== ledger.sessions)
    problems.push(`sessions: ${grew('sessions')} new, ${ledger.sessions} logins accepted`);
  return problems;
}
