import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../infra/db.ts';
import { arrayLiteral, recordSightings } from '../../care/commands/record-sightings.ts';
import type { SigningDevice } from '../device-auth.ts';
import { communityOf, refGroupOf } from '../queries.ts';
import { cachedRetentionDays } from '../retention-sweep.ts';
import { WINDOW_SECONDS } from '../signing.ts';
import { markDeviceAlive } from './mark-device-alive.ts';

/** One sighting as a device sends it: the opaque reference it recognised and when. */
export interface DeviceSighting {
  ref: string;
  time: string;
}

/** What a batch did: how many were new, how many had been received before, and the items not taken. */
export interface IngestResult {
  received: number;
  recorded: number;
  duplicates: number;
  unknown: { index: number; ref: string }[];
  rejected: { index: number; reason: 'future' | 'past' | 'time' }[];
}

/**
 * Ingests a batch of sightings from one authenticated device. References are looked up in the device's group
 * of its community; an unknown reference, a time in the future or one older than the retention (its day is
 * already folded into daily presence) is reported back by its index without
 * failing the batch. Each sighting's dedupe key is device + reference + time, so a batch sent twice (a
 * retry after a lost answer) is recorded once: the second answer counts it as duplicates.
 */
export async function ingestSightings(
  db: Db,
  device: SigningDevice,
  items: DeviceSighting[],
  now = new Date(),
): Promise<IngestResult> {
  const refs = [...new Set(items.map((i) => i.ref))];
  const known = await rows<{ ref: string; personId: number }>(
    db,
    sql`select ref, person_id as "personId" from care_person_refs
        where community_code = ${communityOf(device.orgCode)} and ref_group = ${refGroupOf(device)}
          and ref = any(${arrayLiteral(refs)}::text[])`,
    { prepare: 'care_device_refs' },
  );
  const personOf = new Map(known.map((k) => [k.ref, k.personId]));
  const result: IngestResult = {
    received: items.length,
    recorded: 0,
    duplicates: 0,
    unknown: [],
    rejected: [],
  };
  const latest = now.getTime() + WINDOW_SECONDS * 1000;
  // older than the retention: already folded into daily presence, where a resent copy would count twice
  const earliest = now.getTime() - (await cachedRetentionDays(db)) * 86_400_000;
  const take: Parameters<typeof recordSightings>[1] = [];
  let last: Date | null = null;
  items.forEach((item, index) => {
    const personId = personOf.get(item.ref);
    const seenAt = new Date(item.time);
    if (personId === undefined) result.unknown.push({ index, ref: item.ref });
    else if (Number.isNaN(seenAt.getTime())) result.rejected.push({ index, reason: 'time' });
    else if (seenAt.getTime() > latest) result.rejected.push({ index, reason: 'future' });
    else if (seenAt.getTime() < earliest) result.rejected.push({ index, reason: 'past' });
    else {
      take.push({
        personId,
        seenAt,
        source: 'device',
        deviceId: device.id,
        dedupeKey: `d${device.id}:${item.ref}:${seenAt.toISOString()}`,
      });
      if (!last || seenAt > last) last = seenAt;
    }
  });
  if (take.length) result.recorded = (await recordSightings(db, take)).inserted;
  result.duplicates = take.length - result.recorded;
  await markDeviceAlive(db, device.id, now, last);
  return result;
}
