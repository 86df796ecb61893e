import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRewrites, unacknowledgedRewrites } from './migration-lint.ts';
import { MIGRATIONS_DIR } from './pglite-template.ts';

describe('migrations that rewrite a table', () => {
  it('are all acknowledged with a "-- rewrites <table>" comment', () => {
    const unsaid = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .flatMap((f) =>
        unacknowledgedRewrites(readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8')).map(
          (r) => `${f}: ${r.table} ${r.reason}: ${r.statement.slice(0, 120)}`,
        ),
      );
    expect(unsaid).toEqual([]);
  });

  it('recognises the statements that rewrite, and leaves the cheap ones alone', () => {
    const tables = (sql: string) => findRewrites(sql).map((r) => `${r.table}: ${r.reason}`);
    expect(tables('alter table cases alter column description type varchar(8000);')).toEqual([
      'cases: changes a column type (rewrites unless binary-coercible)',
    ]);
    expect(
      tables('ALTER TABLE ONLY case_events ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid();'),
    ).toEqual(['case_events: adds a column with a volatile default (every row is written)']);
    expect(
      tables(
        'alter table cases add column year int generated always as (extract(year from reported_at)) stored;',
      ),
    ).toEqual(['cases: adds a stored generated column']);
    expect(tables('vacuum full cases; cluster case_events using case_events_case;')).toEqual([
      'cases: rewrites the table (VACUUM FULL / CLUSTER)',
      'case_events: rewrites the table (VACUUM FULL / CLUSTER)',
    ]);
    // metadata-only since PostgreSQL 11: a constant or stable default, a nullable column, an index, a rename
    expect(
      tables(`alter table cases add column seen boolean not null default false;
              alter table cases add column at timestamptz default now();
              alter table cases add column note text;
              create index cases_note on cases (note);
              alter table cases rename column note to remark;
              create function f() returns trigger language plpgsql as $$ begin alter table x alter column y type int; end $$;`),
    ).toEqual([]);
  });

  it('accepts a rewrite the file owns up to', () => {
    const sql = `-- rewrites cases: widens the code, about 40 s at 1,000,000 cases under an exclusive lock
alter table cases alter column tracking_code type varchar(32);`;
    expect(findRewrites(sql)).toHaveLength(1);
    expect(unacknowledgedRewrites(sql)).toEqual([]);
    expect(unacknowledgedRewrites(sql.replace('rewrites cases', 'rewrites units'))).toHaveLength(1);
  });
});
