import { FIVE_STAR_METRICS, type FiveStarScope, SCOPE_STARS, type StandardStar } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { invalid } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/** The field errors of a standard: its stars must be the scope's five in order, item keys unique, bounds sane. */
export function standardErrors(
  scope: FiveStarScope,
  stars: StandardStar[],
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const want = SCOPE_STARS[scope];
  if (stars.length !== want.length || stars.some((s, i) => s.star !== want[i])) {
    out.push({ field: '/stars', message: `must be ${want.join(', ')} in this order` });
  }
  const keys = new Set<string>();
  stars.forEach((s, si) => {
    s.items.forEach((item, ii) => {
      const at = `/stars/${si}/items/${ii}`;
      if (keys.has(item.key)) out.push({ field: `${at}/key`, message: 'item keys must be unique' });
      keys.add(item.key);
      if (item.kind === 'score' && (item.max === undefined || (item.min ?? 0) > item.max)) {
        out.push({ field: `${at}/max`, message: 'a score item needs max ≥ min' });
      }
      if (item.kind === 'threshold' && item.threshold === undefined) {
        out.push({ field: `${at}/threshold`, message: 'a threshold item needs its threshold' });
      }
      if (
        item.metric &&
        (!['threshold', 'score'].includes(item.kind) || !FIVE_STAR_METRICS.includes(item.metric))
      ) {
        out.push({ field: `${at}/metric`, message: 'only threshold and score items take a known metric' });
      }
    });
  });
  return out;
}

/** Saves a district's standard for a year and scope whole (a new document replaces the old), audited. */
export async function saveStandard(
  db: Db,
  input: { districtCode: string; year: number; scope: FiveStarScope; stars: StandardStar[] },
  by: { actorId: string; ip: string },
): Promise<void> {
  const errors = standardErrors(input.scope, input.stars);
  if (errors.length) throw invalid(errors);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into five_star_standards (district_code, year, scope, stars, updated_by)
          values (${input.districtCode}, ${input.year}, ${input.scope}, ${JSON.stringify(input.stars)}::jsonb, ${by.actorId})
          on conflict (district_code, year, scope)
          do update set stars = excluded.stars, updated_by = excluded.updated_by, updated_at = now()`,
    );
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'five_star.standard.save',
      entity: 'five_star_standard',
      entityId: null,
      scopeCode: input.districtCode,
      after: { year: input.year, scope: input.scope },
      ip: by.ip,
    });
  });
}
