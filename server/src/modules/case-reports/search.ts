import { type SQL, sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';

const RUN = /[0-9a-z]+|[\u4e00-\u9fff\u3400-\u4dbf]+/g;
const LATIN = /^[0-9a-z]/;

/**
 * The tokens of a search text, cut exactly as `cg_search_tokens` (migrations 0070, 0167) cuts the stored text: a run
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

/**
 * The condition for words of the description or the address: every token of the text must be among the
 * case's tokens, answered by the GIN index of `search_tokens`. A word of one or two characters (or a Latin
 * word) is matched exactly; a longer Han word matches when all its pairs occur, which in a complaint of a few
 * sentences is nearly always the word itself. There is deliberately no substring re-check: it made the planner
 * expect a handful of rows and fetch every case holding a frequent word (路灯: 14,000 at 1,000,000 cases, one
 * second) instead of walking the newest cases until a page is full (docs/PERFORMANCE.md, "Finding any case").
 * Null when the text has no letter, digit or Han character: nothing to search for.
 */
export function textCondition(tokens: readonly string[]): SQL | null {
  if (!tokens.length) return null;
  // tokens hold letters, digits and Han characters only, so quoting them cannot break the tsquery
  return sql`c.search_tokens @@ ${tokens.map((t) => `'${t}'`).join(' & ')}::tsquery`;
}

/** Tokens in more than this share of cases narrow nothing down; reading their index lists costs the most. */
const COMMON_SHARE = 0.1;
const STATS_TTL_MS = 10 * 60_000;
let stats: { at: number; freq: Map<string, number> } | null = null;

/** The share of cases holding each frequent token, from PostgreSQL's statistics of the column (ANALYZE). */
async function tokenShares(db: Db): Promise<Map<string, number>> {
  if (stats && Date.now() - stats.at < STATS_TTL_MS) return stats.freq;
  const row = await one<{ elems: string[] | null; freqs: number[] | null }>(
    db,
    sql`select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs
        from pg_stats where schemaname = current_schema() and tablename = 'cases' and attname = 'search_tokens'`,
  );
  const freq = new Map<string, number>();
  const elems = row?.elems ?? [];
  for (let i = 0; i < elems.length; i++) freq.set(elems[i]!, row?.freqs?.[i] ?? 0);
  stats = { at: Date.now(), freq };
  return freq;
}

/** The tokens a search asks the index for, and whether one of them is rare (see selectiveTokens). */
export interface SearchTokens {
  tokens: string[];
  rare: boolean;
}

/**
 * The tokens worth asking the index for: those held by more than a tenth of the cases (网格 in every grid's
 * address, a category name in every case of it) are left out as long as a rarer one remains, since they only
 * make the index read its longest lists. The answer may then hold a few more cases, never fewer.
 *
 * `rare` is true when a token is not among the column's most common elements (under ≈ 1 % of the cases, or
 * none: a misspelling, a tracking code's fragment). The planner then guesses a share it cannot know and walked
 * the newest cases looking for 51 that a word no case has never yields: all 5,000,000 of them, 6 seconds
 * (docs/PERFORMANCE.md, "The list page at scale"). A rare word is looked up in the token index instead
 * (queries.ts).
 */
export async function selectiveTokens(db: Db, text: string): Promise<SearchTokens> {
  const tokens = searchTokens(text);
  if (!tokens.length) return { tokens, rare: false };
  const shares = await tokenShares(db);
  const share = (t: string) => shares.get(t) ?? 0;
  const selective = tokens.filter((t) => share(t) <= COMMON_SHARE);
  const chosen = selective.length ? selective : [tokens.reduce((a, b) => (share(a) <= share(b) ? a : b))];
  return { tokens: chosen, rare: chosen.some((t) => !shares.has(t)) };
}
