import { ORG_LEVELS } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { spatialProblems, stageLayer } from '../boundary-staging.ts';
import { withMessages } from '../problem-messages.ts';
import { validateLayer } from './validate-geojson.ts';

export interface ImportResult {
  created: number;
  updated: number;
}

/**
 * Imports a GeoJSON boundary layer (districts, streets, communities, grids; level from the code length).
 * Every problem is collected and reported with the feature that caused it; if there is any, nothing is
 * written. `scopes` limits the codes the importer may touch (null: anything, for the CLI).
 */
export async function importBoundaries(
  db: Db,
  input: unknown,
  opts: { actorId: string | null; scopes: string[] | null; ip: string | null; isDemo?: boolean },
): Promise<ImportResult> {
  const { features, problems } = validateLayer(input, opts.scopes);
  if (problems.length) throw new AppError('GEOJSON_INVALID', 422, withMessages(problems));

  return db.transaction(async (tx) => {
    await stageLayer(tx, features);
    const found = await spatialProblems(tx);
    if (found.length) throw new AppError('GEOJSON_INVALID', 422, withMessages(found));

    await tx.execute(sql`insert into audit_log (actor_id, action, entity, entity_id, scope_code, before, after, ip)
      select ${opts.actorId}, case when o.id is null then 'org.create' else 'org.update' end, 'org_node', i.code, i.code,
        case when o.id is null then null else jsonb_build_object('name', o.name, 'kind', o.kind,
          'validFrom', o.valid_from, 'validTo', o.valid_to, 'geomMd5', md5(st_asbinary(o.geom))) end,
        jsonb_build_object('name', i.name, 'kind', i.kind, 'validFrom', i.valid_from, 'validTo', i.valid_to,
          'geomMd5', md5(st_asbinary(i.geom))), ${opts.ip}
      from imp i left join org_nodes o on o.code = i.code`);
    const counts = { created: 0, updated: 0 };
    // parents first, so each child finds its parent's id
    for (const level of ORG_LEVELS) {
      const r = await one<{ created: number; updated: number }>(
        tx,
        sql`with up as (
              insert into org_nodes (code, parent_id, level, kind, name, name_en, geom, valid_from, valid_to, is_demo)
              select i.code, p.id, i.level, i.kind, i.name, i.name_en, i.geom, coalesce(i.valid_from, current_date),
                i.valid_to, ${opts.isDemo ?? false}
              from imp i left join org_nodes p on p.code = left(i.code, length(i.code) - 3)
              where i.level = ${level}
              on conflict (code) do update set name = excluded.name, name_en = excluded.name_en,
                kind = excluded.kind, geom = excluded.geom, valid_from = excluded.valid_from,
                valid_to = excluded.valid_to, updated_at = now()
              returning (xmax = 0) as inserted)
            select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated from up`,
      );
      counts.created += r?.created ?? 0;
      counts.updated += r?.updated ?? 0;
    }
    return counts;
  });
}
