import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { sweepCare } from '../care/care-sweep.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { seal } from '../personal-data/fields.ts';

const RELATIONS = ['女儿', '儿子', '侄女', '邻居'] as const;

/**
 * The care watch in the demo (docs/care.md): the elders living alone (独居老人) of the first community are
 * enrolled by their grid worker with consent recorded and one emergency contact (sealed), and seen by the
 * compound's south gate every few hours over the last three days. One elder of each grid was last seen 26 hours
 * ago (in the demo grid worker's own grid, 30 hours ago: `raiseDemoCareAlerts` gives that one an alert three
 * hours old, already escalated); one elder is in hospital for a week.
 */
export async function seedDemoCare(
  db: Db,
  communityCode: string,
  cipher: PersonalDataCipher,
): Promise<number> {
  const elders = await rows<{ id: number; gridCode: string; workerId: string; n: number }>(
    db,
    sql`select p.id, o.code as "gridCode",
          (select g.user_id from grants g where g.org_node_id = p.grid_id and g.role = 'grid_worker'
            order by g.created_at, g.id limit 1) as "workerId",
          row_number() over (partition by p.grid_id order by p.id)::int as n
        from person_tags pt join archive_tags t on t.id = pt.tag_id and t.name = '独居老人'
        join persons p on p.id = pt.person_id join org_nodes o on o.id = p.grid_id
        where o.code like ${`${communityCode}%`} and p.status = 'resident'`,
  );
  const watched = elders.filter((e) => e.workerId);
  for (const [i, e] of watched.entries()) {
    const lastSeenHours = e.n === 1 ? (e.gridCode === `${communityCode}001` ? 30 : 26) : 1 + (i % 9);
    await db.execute(
      sql`insert into care_watched (person_id, consent_by, consent_basis, consent_at, consent_recorded_by,
            threshold_hours, status, status_until, enrolled_by, enrolled_at, watch_from)
          values (${e.id}, 'self', '本人签署知情同意书（演示）', now() - interval '30 days', ${e.workerId}, 24,
            ${e.n === 2 ? 'hospital' : 'home'}, ${e.n === 2 ? sql`now() + interval '7 days'` : null},
            ${e.workerId}, now() - interval '30 days', now() - interval '30 days')`,
    );
    await db.execute(
      sql`insert into care_contacts (person_id, ord, relation, name_enc, phone_enc)
          values (${e.id}, 1, ${RELATIONS[i % RELATIONS.length]}, ${seal(cipher, `家属${i + 1}`)},
            ${seal(cipher, `139${String(10_000_000 + i * 7919).slice(0, 8)}`)})`,
    );
    await db.execute(
      sql`with s as (
            insert into care_sightings (person_id, seen_at, source, device_id, dedupe_key)
            select ${e.id}, now() - make_interval(hours => ${lastSeenHours} + k * 6), 'device',
              (select id from care_devices where org_code = ${communityCode} and kind = 'gate' order by id limit 1),
              'demo:' || ${e.id} || ':' || k
            from generate_series(0, 11) k returning seen_at)
          update care_watched set last_seen_at = (select max(seen_at) from s) where person_id = ${e.id}`,
    );
  }
  return watched.length;
}

/**
 * The community's care contact and the street's duty officer (值班) of the care roster (docs/care.md, "The
 * care-contact and duty roster"): the demo's community staff and street staff, standing, so an unanswered alert
 * in 富民社区 reaches named people rather than every staff member.
 */
export async function seedDemoCareRoster(db: Db, communityCode: string): Promise<void> {
  await db.execute(
    sql`insert into care_roster (org_node_id, duty, user_id)
        select n.id, d.duty, u.id from (values (${communityCode}, 'care_contact', 'community'),
            (${communityCode.slice(0, 9)}, 'duty_officer', 'street')) d(code, duty, username)
          join org_nodes n on n.code = d.code join users u on u.username = d.username`,
  );
}

/**
 * Open care alerts for the newcomer to see, raised by the real care sweep of the community (the intake,
 * assignment, notifications): one pass three hours ago raises the alert of the elder unseen for 30 hours (the
 * demo grid worker's), the pass now raises those unseen for 26 hours and escalates the first to the
 * community's care contact of the roster. Returns the alerts raised.
 */
export async function raiseDemoCareAlerts(
  db: Db,
  communityCode: string,
  cipher: PersonalDataCipher,
  now = new Date(),
): Promise<number> {
  const earlier = await sweepCare(db, cipher, {
    now: new Date(now.getTime() - 3 * 3_600_000),
    orgPrefix: communityCode,
  });
  const later = await sweepCare(db, cipher, { now, orgPrefix: communityCode });
  return earlier.raised + later.raised;
}
