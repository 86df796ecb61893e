import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { bulletinContent } from '../content.ts';
import type { BulletinKind } from '../schedule.ts';
import { readBulletinSettings } from '../settings.ts';

const KIND_NAMES: Record<BulletinKind, string> = { daily: '日', weekly: '周', monthly: '月' };

/** The bulletin of an org node, kind and first day, or null. */
export function findBulletin(db: Db, org: string, kind: BulletinKind, from: string) {
  return one<{ id: number }>(
    db,
    sql`select id from bulletins where org_code = ${org} and kind = ${kind} and period_from = ${from}::date`,
  );
}

/**
 * Issues the bulletin of an org node (the district or a street) for a period, exactly once however many
 * processes try: a transaction-level advisory lock per (node, kind) serialises the issuers, the one holding
 * it finds the bulletin already there or computes, numbers (the next 文号 of the node, kind and year) and
 * stores it, and the unique (node, kind, first day) key backs the lock up. Queues the summary to the
 * node's webhooks in the same transaction. Returns the bulletin's id and whether this call issued it.
 */
export async function issueBulletin(
  db: Db,
  q: { org: string; kind: BulletinKind; from: string; to: string },
  now = new Date(),
): Promise<{ id: number; created: boolean }> {
  const existing = await findBulletin(db, q.org, q.kind, q.from);
  if (existing) return { id: existing.id, created: false };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`bulletin:${q.org}:${q.kind}`}))`);
    const again = await findBulletin(tx, q.org, q.kind, q.from);
    if (again) return { id: again.id, created: false };
    const [content, settings, district] = await Promise.all([
      bulletinContent(tx, q, now),
      readBulletinSettings(tx),
      one<{ name: string }>(tx, sql`select name from org_nodes where code = ${q.org.slice(0, 6)}`),
    ]);
    const districtName = district?.name ?? q.org.slice(0, 6);
    const year = Number(q.to.slice(0, 4));
    const issuer = settings.issuer.replaceAll('{district}', districtName);
    const prefix = settings.prefix.replaceAll('{district}', districtName);
    const scopeTag = q.org.length > 6 ? content.scopeName : '';
    const row = await one<{ id: number }>(
      tx,
      sql`insert into bulletins (district_code, org_code, kind, period_from, period_to, year, seq, number, issuer,
            issued_at, content)
          select ${q.org.slice(0, 6)}, ${q.org}, ${q.kind}, ${q.from}::date, ${q.to}::date, ${year}, s.seq,
            ${`${prefix}${scopeTag}${KIND_NAMES[q.kind]}`} || '〔' || ${year} || '〕' || s.seq || '号', ${issuer},
            ${now.toISOString()}::timestamptz, ${JSON.stringify(content)}::jsonb
          from (select coalesce(max(seq), 0) + 1 as seq from bulletins
                where org_code = ${q.org} and kind = ${q.kind} and year = ${year}) s
          returning id`,
    );
    const id = row!.id;
    // area hooks of the node itself (a street's bulletin goes to the street's hooks, the district's to the
    // district's); a hook with a list of actions receives bulletins only when it names 'bulletin'
    await tx.execute(
      sql`insert into webhook_deliveries (webhook_id, bulletin_id)
          select w.id, ${id} from webhooks w
          where w.active and w.org_code = ${q.org} and w.unit_id is null and w.format <> 'hotline'
            and (cardinality(w.actions) = 0 or 'bulletin' = any (w.actions))`,
    );
    return { id, created: true };
  });
}
