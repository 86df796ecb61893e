import { type Action, FIVE_STAR_METRICS } from '@civicgrid/shared';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { assertCan, can } from '../auth/policy.ts';
import { districtDay } from '../case-reports/period.ts';
import { linkedMetrics, metricValues } from './metrics.ts';
import { present } from './present.ts';
import { answersOf, eventsOf, findAssessment, findBranch, findStandard } from './queries.ts';

/** The district's current year (UTC+8). */
export const currentYear = (now = new Date()) => Number(districtDay(now).slice(0, 4));

/**
 * Loads a branch and its year for a route after the policy check: 404 for a code that is no community or is
 * outside everything the caller sees, 403 when visible but the action is not granted.
 */
export async function loadBranchYear(db: Db, actor: Actor, action: Action, code: string, year: number) {
  assertCan(actor, action, code);
  const branch = await findBranch(db, code);
  if (!branch) throw notFound();
  const [standard, assessment] = await Promise.all([
    findStandard(db, code.slice(0, 6), year, branch.scope),
    findAssessment(db, code, year),
  ]);
  return { branch, stars: standard.stars, assessment };
}

/** Like loadBranchYear, for a step that needs the assessment to exist (409 while nothing was saved). */
export async function loadAssessment(db: Db, actor: Actor, action: Action, code: string, year: number) {
  const loaded = await loadBranchYear(db, actor, action, code, year);
  if (!loaded.assessment) throw notFound();
  return { ...loaded, assessment: loaded.assessment };
}

/** The steps the caller may take on the assessment now, for the console's buttons. */
export function abilitiesOf(actor: Actor, code: string, state: string | null): string[] {
  const out: string[] = [];
  const s = state ?? 'draft';
  if (can(actor, 'fivestar.assess', code) && ['draft', 'returned'].includes(s)) out.push('assess');
  if (can(actor, 'fivestar.review', code) && s === 'submitted') out.push('review');
  if (can(actor, 'fivestar.decide', code) && s === 'reviewed') out.push('decide');
  if (can(actor, 'fivestar.decide', code) && s === 'decided') out.push('veto');
  return out;
}

/** The assessment page's answer: the presented assessment and the caller's abilities. */
export async function assessmentAnswer(db: Db, actor: Actor, code: string, year: number) {
  const { branch, stars, assessment } = await loadBranchYear(db, actor, 'fivestar.read', code, year);
  const live = await metricValues(
    db,
    code,
    year,
    linkedMetrics(stars).filter((m) => FIVE_STAR_METRICS.includes(m)),
  );
  const [answers, events] = assessment
    ? await Promise.all([answersOf(db, assessment.id), eventsOf(db, assessment.id)])
    : [[], []];
  return {
    data: present(branch, year, assessment, stars, answers, live, events),
    abilities: abilitiesOf(actor, code, assessment?.state ?? null),
  };
}
