import { type SQL, sql } from 'drizzle-orm';

const RUN = /[0-9a-z]+|[\u4e00-\u9fff\u3400-\u4dbf]+/g;
const LATIN = /^[0-9a-z]/;

/**
 * The tokens of a search text, cut exactly as `cg_search_tokens` (migration 0070) cuts the stored text: a run
 * of Latin letters and digits is one token; a Han run of one character is that character, a longer run its
 * overlapping pairs (路灯不亮 → 路灯, 灯不, 不亮). Every token must be present for a case to match.
 */
export function searchTokens(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.toLowerCase().match(RUN) ?? []) {
    if (LATIN.test(run) || run.length === 1) out.add(run);
    else for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  }
  return [...out];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * The condition for words of the description or the address: the GIN index of `search_tokens` finds the
 * candidates (no scan of the cases), then each word typed is checked as a substring of the description or
 * the address, so pairs scattered over the text do not count as the word. A text without any letter, digit
 * or Han character (punctuation only) has no tokens and matches by substring alone.
 */
export function textCondition(q: string): SQL {
  const words = q.split(/\s+/).filter(Boolean);
  const substrings = words.map((w) => {
    const like = `%${escapeLike(w)}%`;
    return sql`(c.description ilike ${like} or c.address ilike ${like})`;
  });
  const tokens = searchTokens(q);
  // tokens hold letters, digits and Han characters only, so quoting them cannot break the tsquery
  const indexed = tokens.length
    ? [sql`c.search_tokens @@ ${tokens.map((t) => `'${t}'`).join(' & ')}::tsquery`]
    : [];
  return sql`(${sql.join([...indexed, ...substrings], sql` and `)})`;
}
