import { readFileSync } from 'node:fs';
import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { rows } from '../../infra/db.ts';

/**
 * Migration 0070's cg_search_tokens, the plain SQL it was until 0167, as the reference the loop must match: its
 * body read from the migration, on the column `s.t` of the test's texts.
 */
function sql0070(): SQL {
  const file = readFileSync(new URL('../../../migrations/0070_case_search.sql', import.meta.url), 'utf8');
  const body = /create function cg_search_tokens\(t text\)[^$]*\$\$([\s\S]*?)\$\$/.exec(file)?.[1];
  if (!body?.includes('coalesce(t, ')) throw new Error('0070 no longer defines cg_search_tokens as expected');
  return sql.raw(`(${body.replace('coalesce(t, ', 'coalesce(s.t, ')})`);
}

/** Texts of complaints: Han (and extension A) characters, Latin letters of both cases, digits, punctuation, spaces. */
const piece = fc.constantFrom(
  ...'路灯不亮井盖松动垃圾堆放占道经营㐀㐁䶿鿿一'.split(''),
  ...'aZq09Xx'.split(''),
  ' ',
  '，',
  '。',
  '-',
  '#',
  '\n',
);
const text = fc.option(
  fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
  { nil: null },
);

describe('cg_search_tokens (migration 0167)', () => {
  it('gives the stored tsvector exactly what migration 0070’s SQL gave, for any text', async () => {
    const db = (await testDatabase()).db;
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 30 }), async (texts) => {
        const found = await rows<{ t: string | null; now: string; before: string }>(
          db,
          sql`select s.t, array_to_tsvector(cg_search_tokens(s.t))::text as now,
                array_to_tsvector(${sql0070()})::text as before
              from jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) as s(t)`,
        );
        for (const f of found) expect(f.now, String(f.t)).toBe(f.before);
      }),
      { numRuns: 25 },
    );
  });

  it('cuts a Han run into characters and pairs and keeps Latin runs whole, lower-cased', async () => {
    const db = (await testDatabase()).db;
    const [r] = await rows<{ v: string }>(
      db,
      sql`select array_to_tsvector(cg_search_tokens('路灯不亮 Road-12，灯')) ::text as v`,
    );
    expect(r?.v).toBe("'12' 'road' '不' '不亮' '亮' '灯' '灯不' '路' '路灯'");
  });
});
