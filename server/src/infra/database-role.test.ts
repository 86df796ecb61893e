import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { testConfig } from '../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs } from '../../test/factories.ts';
import { buildApp } from '../app.ts';
import { seedCategories } from '../modules/categories/seed-categories.ts';
import { type Database, openPostgres, rows } from './db.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS_DIR } from './pglite-template.ts';

const DOC = path.join(import.meta.dirname, '../../../docs/database-role.md');
const MARKER = '<!-- grants.sql:';

/** The grants block of docs/database-role.md: the first ```sql block after the marker line. */
function documentedGrants(): string {
  const doc = readFileSync(DOC, 'utf8');
  const block = /```sql\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf(MARKER)));
  if (!block) throw new Error('docs/database-role.md lost its grants block');
  return block[1]!;
}

const adminUrl = process.env.DATABASE_URL;

/**
 * On real PostgreSQL only (CI's test:pg run): builds the roles of docs/database-role.md in a database of its
 * own, lets a non-superuser owner run every migration and the documented grants, then checks that the
 * application role runs the server but cannot change history or the schema.
 */
describe.runIf(adminUrl)('the production database roles (docs/database-role.md)', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `cg_owner_${suffix}`;
  const appRole = `cg_app_${suffix}`;
  const dbName = `cg_roles_${suffix}`;
  const password = `pw-${suffix}-${randomBytes(8).toString('hex')}`;
  /** The test database's address for a user (the admin's password unless it is one of the new roles). */
  const urlAs = (user?: string) => {
    const u = new URL(adminUrl!);
    if (user) {
      u.username = user;
      u.password = password;
    }
    u.pathname = `/${dbName}`;
    return u.toString();
  };
  const admin = () => new pg.Client({ connectionString: adminUrl });
  let appDb: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    const a = admin();
    await a.connect();
    await a.query(`create role ${owner} login password '${password}'`);
    await a.query(`create role ${appRole} login password '${password}'`);
    await a.query(`create database ${dbName} owner ${owner}`);
    await a.query(`revoke all on database ${dbName} from public`);
    // step 1 of the document, as the superuser
    await a.query(`grant connect, temporary on database ${dbName} to ${appRole}`);
    await a.end();
    // the superuser's one step in the new database
    const inDb = new pg.Client({ connectionString: urlAs() });
    await inDb.connect();
    await inDb.query('create extension if not exists postgis');
    await inDb.end();

    const ownerDb = await openPostgres(urlAs(owner), 2);
    await migrate(ownerDb);
    const grants = new pg.Client({ connectionString: urlAs(owner) });
    await grants.connect();
    await grants.query(documentedGrants().replaceAll('civicgrid_app', appRole));
    // a fresh audit row, which the application role must not be able to delete
    await grants.query(`insert into audit_log (action, entity) values ('test.role', 'test')`);
    await grants.end();
    await ownerDb.close();

    appDb = await openPostgres(urlAs(appRole), 4);
    app = await buildApp({
      config: testConfig({ databaseUrl: urlAs(appRole) }),
      database: appDb,
      logger: false,
    });
    await app.ready();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await appDb?.close();
    const a = admin();
    await a.connect();
    await a.query(`drop database if exists ${dbName} with (force)`);
    await a.query(`drop role if exists ${appRole}`);
    await a.query(`drop role if exists ${owner}`);
    await a.end();
  });

  it('lets a non-superuser owner apply every migration', async () => {
    const applied = await rows<{ n: number }>(
      appDb.db,
      sql`select count(*)::int as n from schema_migrations`,
    );
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f));
    expect(applied[0]!.n).toBe(files.length);
    const roles = await rows<{ rolname: string; rolsuper: boolean }>(
      appDb.db,
      sql`select rolname, rolsuper from pg_roles where rolname in (${owner}, ${appRole}) order by rolname`,
    );
    expect(roles.every((r) => !r.rolsuper)).toBe(true);
  });

  it('runs the server as the application role: start-up, login, a report with its audit and event rows', async () => {
    expect(await migrate(appDb)).toEqual([]);
    await seedCategories(appDb.db);
    const t = await createTenant(appDb.db);
    const user = await createUserWith(appDb.db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
    const cookie = await loginAs(app, user);
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie },
      payload: {
        source: 'hotline',
        categoryCode: STREETLIGHT,
        description: '路灯不亮',
        location: gridCentre(t, 0),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const page = await app.inject({ url: `/api/cases/${res.json().data.id}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
  });

  it.each([
    ['update case_events set action = action', /permission denied for table case_events/],
    ['delete from case_events', /permission denied for table case_events/],
    ['truncate case_events cascade', /permission denied for table/],
    ['update audit_log set action = action', /permission denied for table audit_log/],
    ['truncate audit_log', /permission denied for table audit_log/],
    ['delete from audit_log', /kept at least 180 days/],
    ['alter table case_events disable trigger all', /must be owner/],
    ['drop trigger audit_log_append_only on audit_log', /must be owner/],
    ['drop table cases', /must be owner/],
    ['create table sneaky (id int)', /permission denied for schema public/],
    ["set session_replication_role = 'replica'", /permission denied to set parameter/],
    [
      "insert into schema_migrations (name) values ('9999_fake.sql')",
      /permission denied for table schema_migrations/,
    ],
  ])('refuses the application role: %s', async (statement, refusal) => {
    const client = new pg.Client({ connectionString: urlAs(appRole) });
    await client.connect();
    try {
      await expect(client.query(statement)).rejects.toThrow(refusal);
    } finally {
      await client.end();
    }
  });
});
