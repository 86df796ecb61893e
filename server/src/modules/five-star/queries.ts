import { defaultStandard, type FiveStarScope, type StandardStar } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';

/** A community or village as a branch: its node, and its scope from the node's kind (villages are rural). */
export interface Branch {
  code: string;
  name: string;
  scope: FiveStarScope;
  streetCode: string;
  streetName: string;
}

export interface AssessmentRow {
  id: number;
  orgCode: string;
  year: number;
  scope: FiveStarScope;
  state: 'draft' | 'submitted' | 'returned' | 'reviewed' | 'decided';
  stars: string[];
  version: number;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  decidedAt: Date | null;
}

export interface AnswerRow {
  itemKey: string;
  value: number | null;
  passed: boolean | null;
  evidence: string;
  computed: boolean;
  review: 'accepted' | 'returned' | null;
  reviewReason: string | null;
  photos: string[];
}

export interface EventRow {
  kind: string;
  reason: string | null;
  stars: string[] | null;
  effectiveOn: string | null;
  at: Date;
  actorName: string | null;
}

const BRANCH_COLUMNS = sql`c.code, c.name, case when c.kind = 'village' then 'rural' else 'urban' end as scope,
  s.code as "streetCode", s.name as "streetName"`;

/** The branch of a community code (a current community or village node), or null. */
export function findBranch(db: Db, code: string): Promise<Branch | null> {
  return one<Branch>(
    db,
    sql`select ${BRANCH_COLUMNS} from org_nodes c join org_nodes s on s.id = c.parent_id
        where c.code = ${code} and c.level = 'community' and c.valid_to is null`,
  );
}

/** The standard of a district, year and scope: the saved one, or the default (saved: false). */
export async function findStandard(
  db: Db,
  districtCode: string,
  year: number,
  scope: FiveStarScope,
): Promise<{ stars: StandardStar[]; saved: boolean; updatedAt: Date | null }> {
  const row = await one<{ stars: StandardStar[]; updatedAt: Date }>(
    db,
    sql`select stars, updated_at as "updatedAt" from five_star_standards
        where district_code = ${districtCode} and year = ${year} and scope = ${scope}`,
  );
  return row ? { ...row, saved: true } : { stars: defaultStandard(scope), saved: false, updatedAt: null };
}

const ASSESSMENT_COLUMNS = sql`id, org_code as "orgCode", year, scope, state, stars, version,
  submitted_at as "submittedAt", reviewed_at as "reviewedAt", decided_at as "decidedAt"`;

/** The assessment of a branch for a year, or null when the branch has not started one. */
export function findAssessment(db: Db, code: string, year: number): Promise<AssessmentRow | null> {
  return one<AssessmentRow>(
    db,
    sql`select ${ASSESSMENT_COLUMNS} from five_star_assessments where org_code = ${code} and year = ${year}`,
  );
}

/** The answers of an assessment with their evidence photo ids. */
export function answersOf(db: Db, assessmentId: number): Promise<AnswerRow[]> {
  return rows<AnswerRow>(
    db,
    sql`select a.item_key as "itemKey", a.value::float8 as value, a.passed, a.evidence, a.computed, a.review,
          a.review_reason as "reviewReason",
          coalesce((select array_agg(p.id::text order by p.created_at) from five_star_photos p
                    where p.assessment_id = a.assessment_id and p.item_key = a.item_key), '{}') as photos
        from five_star_answers a where a.assessment_id = ${assessmentId} order by a.item_key`,
  );
}

/** The history of an assessment, oldest first, with who acted. */
export function eventsOf(db: Db, assessmentId: number): Promise<EventRow[]> {
  return rows<EventRow>(
    db,
    sql`select e.kind, e.reason, e.stars, e.effective_on::text as "effectiveOn", e.at,
          u.display_name as "actorName"
        from five_star_events e left join users u on u.id = e.actor_id
        where e.assessment_id = ${assessmentId} order by e.id`,
  );
}

/** One branch of a year's list: where it stands and the stars it holds. */
export interface BranchStanding extends Branch {
  state: AssessmentRow['state'] | null;
  stars: string[];
  vetoed: boolean;
}

/**
 * The branches (communities and villages) of the caller's scope under `org` with their assessment of the
 * year, ranked: most stars first, then by code. A community sees only itself, a street its communities.
 */
export function listStandings(
  db: Db,
  actor: Actor,
  year: number,
  org: string | null,
): Promise<BranchStanding[]> {
  return rows<BranchStanding>(
    db,
    sql`select ${BRANCH_COLUMNS}, a.state, coalesce(a.stars, '{}') as stars,
          exists (select 1 from five_star_events e where e.assessment_id = a.id and e.kind = 'vetoed') as vetoed
        from org_nodes c join org_nodes s on s.id = c.parent_id
        left join five_star_assessments a on a.org_code = c.code and a.year = ${year}
        where c.level = 'community' and c.valid_to is null
          and (${scopeCondition(actor, 'fivestar.read', sql`c.code`)})
          ${org ? sql`and c.code like ${`${org}%`}` : sql``}
        order by cardinality(coalesce(a.stars, '{}')) desc, c.code
        limit 2000`,
  );
}

/** Every year's assessment of one branch, newest first: the branch's history. */
export function historyOf(db: Db, code: string) {
  return rows<{ year: number; state: string; stars: string[]; decidedAt: Date | null; vetoes: number }>(
    db,
    sql`select a.year, a.state, a.stars, a.decided_at as "decidedAt",
          (select count(*)::int from five_star_events e where e.assessment_id = a.id and e.kind = 'vetoed') as vetoes
        from five_star_assessments a where a.org_code = ${code} order by a.year desc`,
  );
}

/** The targets of the streets in the caller's scope for a year, with how many branches reached each. */
export function targetsOf(db: Db, actor: Actor, year: number) {
  return rows<{
    streetCode: string;
    streetName: string;
    stars: number;
    target: number | null;
    reached: number;
  }>(
    db,
    sql`with streets as (
          select code, name from org_nodes where level = 'street' and valid_to is null
            and (${scopeCondition(actor, 'fivestar.read', sql`code`)})
        )
        select s.code as "streetCode", s.name as "streetName", n.stars, t.branches as target,
          (select count(*)::int from five_star_assessments a where a.year = ${year}
             and a.org_code like s.code || '%' and cardinality(a.stars) >= n.stars) as reached
        from streets s cross join generate_series(3, 5) as n(stars)
        left join five_star_targets t on t.street_code = s.code and t.year = ${year} and t.stars = n.stars
        order by s.code, n.stars desc`,
  );
}
