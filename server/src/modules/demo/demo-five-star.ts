import { defaultStandard, type FiveStarScope, SCOPE_STARS, type StandardItem } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** A value meeting (or, when `met` is false, missing) an item of the default standard. */
function answerFor(item: StandardItem, met: boolean): { value: number | null; passed: boolean | null } {
  if (item.kind === 'pass' || item.kind === 'veto') return { value: null, passed: met };
  if (item.kind === 'score')
    return { value: met ? (item.min ?? 60) + 8 : (item.min ?? 60) - 12, passed: null };
  const t = item.threshold ?? 0.8;
  return { value: met ? Math.min(1, t + 0.06) : t - 0.09, passed: null };
}

/** How many stars a demo branch holds: a spread from none to five, fixed by its code. */
const starsOf = (code: string) => [5, 4, 4, 3, 3, 3, 2, 1, 0, 4][Number(code.slice(-3)) % 10]!;

/**
 * A year of 五星支部 in the demo district: last year's assessments of every community and village decided
 * (stars from none to five, one branch vetoed in the autumn), per-street targets, and this year's under way at
 * every step (self-assessment, street review, district decision) — except 富民社区, the demo community
 * account's own, whose self-assessment is left open for people trying the demo.
 */
export async function seedDemoFiveStar(db: Db, districtCode: string, year: number): Promise<void> {
  const branches = await rows<{ code: string; scope: FiveStarScope }>(
    db,
    sql`select code, case when kind = 'village' then 'rural' else 'urban' end as scope from org_nodes
        where level = 'community' and code like ${`${districtCode}%`} and valid_to is null order by code`,
  );
  const actor = await one<{ id: string }>(db, sql`select id from users where username = 'admin'`);
  for (const [i, b] of branches.entries()) {
    await seedYear(db, b, year - 1, 'decided', starsOf(b.code), actor?.id ?? null, i === 3);
    if (b.code === `${districtCode}001001`) continue;
    const state = (['submitted', 'reviewed', 'draft', 'decided'] as const)[i % 4]!;
    await seedYear(
      db,
      b,
      year,
      state,
      starsOf(b.code.split('').reverse().join('')),
      actor?.id ?? null,
      false,
    );
  }
  await db.execute(
    sql`insert into five_star_targets (street_code, year, stars, branches)
        select code, y, s, greatest(1, (select count(*)::int from org_nodes c where c.parent_id = st.id) / (6 - s))
        from org_nodes st, (values (${year - 1}::int), (${year}::int)) as ys(y), (values (3), (4), (5)) as ss(s)
        where st.level = 'street' and st.code like ${`${districtCode}%`}
        on conflict do nothing`,
  );
}

async function seedYear(
  db: Db,
  b: { code: string; scope: FiveStarScope },
  year: number,
  state: 'draft' | 'submitted' | 'reviewed' | 'decided',
  n: number,
  actorId: string | null,
  vetoed: boolean,
): Promise<void> {
  const stars = defaultStandard(b.scope);
  // stars are earned in order, 支部过硬 first (the prerequisite); the ones beyond n miss one item
  const earned = SCOPE_STARS[b.scope].slice(0, n);
  const held = state === 'decided' ? (vetoed ? earned.filter((s) => s === 'branch') : earned) : [];
  const at = (m: number) => `${year}-${String(m).padStart(2, '0')}-15T10:00:00+08:00`;
  const a = await one<{ id: number }>(
    db,
    sql`insert into five_star_assessments (org_code, year, scope, state, stars, submitted_at, reviewed_at, decided_at)
        values (${b.code}, ${year}, ${b.scope}, ${state}, ${`{${held.join(',')}}`}::text[],
          ${state === 'draft' ? null : at(10)}::timestamptz, ${['reviewed', 'decided'].includes(state) ? at(11) : null}::timestamptz,
          ${state === 'decided' ? at(12) : null}::timestamptz)
        on conflict (org_code, year) do nothing returning id`,
  );
  if (!a) return;
  // one statement per assessment: the seed runs before the server answers, on a possibly busy machine
  const answers = stars.flatMap((star) =>
    star.items.map((item, k) => {
      const v = answerFor(item, earned.includes(star.star) || k > 0 || item.kind === 'veto');
      return sql`(${a.id}::int, ${item.key}, ${v.value}::numeric, ${v.passed}::boolean, ${item.metric ? '' : '见台账及会议记录'},
        ${Boolean(item.metric) && state !== 'draft'}::boolean, ${['reviewed', 'decided'].includes(state) ? 'accepted' : null})`;
    }),
  );
  await db.execute(
    sql`insert into five_star_answers (assessment_id, item_key, value, passed, evidence, computed, review)
        values ${sql.join(answers, sql`, `)}`,
  );
  const events: [string, string | null, string[] | null, string | null, string][] = [];
  if (state !== 'draft') events.push(['submitted', null, null, null, at(10)]);
  if (state === 'reviewed' || state === 'decided') events.push(['reviewed', null, null, null, at(11)]);
  if (state === 'decided') events.push(['decided', null, earned, null, at(12)]);
  if (vetoed)
    events.push(['vetoed', '辖区内发生较大安全生产事故，撤销相关星级', held, `${year}-12-20`, at(12)]);
  for (const [kind, reason, s, on, when] of events) {
    await db.execute(
      sql`insert into five_star_events (assessment_id, kind, actor_id, reason, stars, effective_on, at)
          values (${a.id}, ${kind}, ${kind === 'submitted' ? null : actorId}, ${reason},
            ${s ? `{${s.join(',')}}` : null}::text[], ${on}::date, ${when}::timestamptz)`,
    );
  }
}
