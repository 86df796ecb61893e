import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';
import type { Sweep } from '../../infra/sweeps.ts';
import { purgeNonces } from './device-auth.ts';

const BATCH = 500;

/**
 * Flags devices silent for longer than their heartbeat interval (never heard of: since registration), one
 * 'silent' event each, and clears the flag of flagged devices heard from again within their interval (a
 * heartbeat clears it itself; this catches an interval raised meanwhile). Rows are claimed with
 * `for update skip locked` and changed only while the flag is as read, so sweeping processes act once per
 * change. Returns the number of devices flagged or cleared (of one area only, by org-code prefix, when
 * given).
 */
export async function sweepDeviceHealth(
  db: Db,
  now = new Date(),
  opts: { orgPrefix?: string } = {},
): Promise<number> {
  // tests sweep their own district only: other tests' devices share the database
  const area = opts.orgPrefix ? sql`and org_code like ${`${opts.orgPrefix}%`}` : sql``;
  const silent = sql`coalesce(last_heartbeat_at, created_at)
    < ${now}::timestamptz - make_interval(secs => heartbeat_seconds)`;
  const flagged = await db.execute(
    sql`with due as (
          select id from care_devices
          where retired_at is null and silent_since is null and ${silent} ${area}
          order by id limit ${BATCH} for update skip locked),
        flagged as (
          update care_devices d set silent_since = ${now} from due
          where d.id = due.id and d.silent_since is null returning d.id)
        insert into care_device_events (device_id, kind, at) select id, 'silent', ${now} from flagged
        returning device_id`,
  );
  const cleared = await db.execute(
    sql`with due as (
          select id from care_devices
          where retired_at is null and silent_since is not null and not (${silent}) ${area}
          order by id limit ${BATCH} for update skip locked),
        back as (
          update care_devices d set silent_since = null from due
          where d.id = due.id and d.silent_since is not null returning d.id)
        insert into care_device_events (device_id, kind, at) select id, 'back', ${now} from back
        returning device_id`,
  );
  await purgeNonces(db, now);
  return flagged.rows.length + cleared.rows.length;
}

/** The device-health sweep, every minute. */
export function deviceHealthSweep(db: Db): Sweep {
  return { name: 'care-device-health', everyMs: 60_000, run: () => sweepDeviceHealth(db) };
}
