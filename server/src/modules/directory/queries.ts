import { DIRECTORY_KINDS, type DirectoryKind } from '@civicgrid/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';

/** A directory entry as stored, with its community's name. */
export interface EntryRow {
  id: number;
  orgCode: string;
  community: string;
  kind: string;
  name: string;
  address: string;
  hours: string;
  phone: string;
  description: string;
  lng: number;
  lat: number;
  distanceM: number | null;
  updatedAt: Date;
}

const COLUMNS = sql`e.id, e.org_code as "orgCode", c.name as community, e.kind, e.name, e.address, e.hours, e.phone,
  e.description, st_x(e.location) as lng, st_y(e.location) as lat, e.updated_at as "updatedAt"`;

/** The kinds of a district: the built-in ones, then those the district added. */
export async function kindsOf(db: Db, districtCode: string): Promise<DirectoryKind[]> {
  const own = await rows<DirectoryKind>(
    db,
    sql`select key, name_zh as zh, name_en as en from directory_kinds where district_code = ${districtCode} order by created_at, key`,
  );
  return [...DIRECTORY_KINDS.map((k) => ({ ...k })), ...own];
}

/** One entry, or null. */
export function findEntry(db: Db, id: number): Promise<EntryRow | null> {
  return one<EntryRow>(
    db,
    sql`select ${COLUMNS}, null::float8 as "distanceM" from directory_entries e join org_nodes c on c.code = e.org_code
        where e.id = ${id}`,
  );
}

/** A word search over name, address and description (the directory is small: a few thousand rows). */
const matches = (q: string | undefined): SQL => {
  const word = q?.trim();
  if (!word) return sql`true`;
  const like = `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql`(e.name ilike ${like} or e.address ilike ${like} or e.description ilike ${like})`;
};

/** The entries the caller manages under `org`, by kind and name. */
export function listManaged(
  db: Db,
  actor: Actor,
  opts: { org?: string; kind?: string; q?: string; limit: number; offset: number },
): Promise<EntryRow[]> {
  return rows<EntryRow>(
    db,
    sql`select ${COLUMNS}, null::float8 as "distanceM" from directory_entries e join org_nodes c on c.code = e.org_code
        where (${scopeCondition(actor, 'directory.manage', sql`e.org_code`)})
          ${opts.org ? sql`and e.org_code like ${`${opts.org}%`}` : sql``}
          ${opts.kind ? sql`and e.kind = ${opts.kind}` : sql``}
          and ${matches(opts.q)}
        order by e.org_code, e.kind, e.name, e.id limit ${opts.limit} offset ${opts.offset}`,
  );
}

/**
 * Entries near a point for residents, nearest first within the radius (PostGIS distance on the spheroid,
 * through the geography index), optionally of one kind and matching a word.
 */
export function listNear(
  db: Db,
  opts: { lng: number; lat: number; radiusM: number; kind?: string; q?: string; limit: number },
): Promise<EntryRow[]> {
  const here = sql`st_setsrid(st_makepoint(${opts.lng}, ${opts.lat}), 4326)::geography`;
  return rows<EntryRow>(
    db,
    sql`select ${COLUMNS}, st_distance(e.location::geography, ${here}) as "distanceM"
        from directory_entries e join org_nodes c on c.code = e.org_code
        where st_dwithin(e.location::geography, ${here}, ${opts.radiusM})
          ${opts.kind ? sql`and e.kind = ${opts.kind}` : sql``}
          and ${matches(opts.q)}
        -- by the distance shown (the spheroid's): the <-> operator measures on the sphere and may swap
        -- two entries a few metres apart; st_dwithin has already cut the rows down through the index
        order by "distanceM", e.id limit ${opts.limit}`,
  );
}

/** The district of the grid containing a point (the kinds a resident there sees), or null outside every grid. */
export async function districtAt(db: Db, lng: number, lat: number): Promise<string | null> {
  const row = await one<{ code: string }>(
    db,
    sql`select left(code, 6) as code from org_nodes where level = 'grid' and valid_to is null
          and st_intersects(geom, st_setsrid(st_makepoint(${lng}, ${lat}), 4326)) limit 1`,
  );
  return row?.code ?? null;
}
