/**
 * 一周一评比: ranks and red/black flags within one peer group (docs/supervision-scores.md, "Flags"). Pure, so
 * the rules are tested on fixtures without a database.
 */

export type Flag = 'red' | 'black';
export type FlagReason = 'top' | 'bottom' | 'below60' | 'bottom3twice';

/** One entity of a peer group for a week. */
export interface Candidate {
  key: string;
  score: number | null;
  /** judged cases in the window; below the minimum the entity is listed but not ranked */
  volume: number;
}

/** The ranking of one entity: rank 1 is the best; null rank when not ranked (too few cases, or no score). */
export interface Ranked {
  key: string;
  score: number | null;
  volume: number;
  rank: number | null;
  /** how many entities of the peer group were ranked */
  of: number;
  /** among the bottom three ranks this week (with ties) — remembered for next week's rule */
  bottomThree: boolean;
  flag: Flag | null;
  reasons: FlagReason[];
  /** why not ranked */
  unranked: 'few_cases' | 'no_score' | null;
}

/** How many flags of each colour a group of n ranked entities gets: 10 % rounded half up, at least one from 5. */
export function flagCount(n: number): number {
  if (n < 5) return 0;
  return Math.max(1, Math.round(n * 0.1));
}

/**
 * Ranks a peer group and gives the week's flags:
 * - ranked: volume ≥ minCases and a score; competition ranking (90, 85, 85, 80 → 1, 2, 2, 4);
 * - red: the top flagCount(n) ranks, every entity tied at the cut included;
 * - black: the bottom flagCount(n) ranks (ties included), a score below 60, or among the bottom three this
 *   week and last week (`lastBottomThree`);
 * - nobody holds both: a black reason wins over red (a score below 60 is not honoured with a red flag), and
 *   when everyone ties the percentage flags are not given (nothing tells the entities apart).
 */
export function rankGroup(
  candidates: readonly Candidate[],
  minCases: number,
  lastBottomThree: ReadonlySet<string>,
): Ranked[] {
  const ranked = candidates
    .filter((c) => c.score !== null && c.volume >= minCases)
    .sort((a, b) => b.score! - a.score! || a.key.localeCompare(b.key));
  const n = ranked.length;
  const rankOf = new Map<string, number>();
  ranked.forEach((c, i) => {
    const prev = ranked[i - 1];
    rankOf.set(c.key, prev && prev.score === c.score ? rankOf.get(prev.key)! : i + 1);
  });
  const k = flagCount(n);
  const allTied = n > 0 && ranked[0]!.score === ranked[n - 1]!.score;
  const redCut = k > 0 && !allTied ? ranked[k - 1]!.score! : Number.POSITIVE_INFINITY;
  const blackCut = k > 0 && !allTied ? ranked[n - k]!.score! : Number.NEGATIVE_INFINITY;
  // bottom three by rank from the bottom: an entity is among them when fewer than three score below it
  const below = (s: number) => ranked.filter((c) => c.score! < s).length;

  const out: Ranked[] = candidates.map((c) => {
    const rank = rankOf.get(c.key) ?? null;
    if (rank === null) {
      return {
        key: c.key,
        score: c.score,
        volume: c.volume,
        rank: null,
        of: n,
        bottomThree: false,
        flag: null,
        reasons: [],
        unranked: c.score === null ? 'no_score' : 'few_cases',
      };
    }
    const s = c.score!;
    const bottomThree = n >= 5 && below(s) < 3;
    const black: FlagReason[] = [];
    if (s <= blackCut) black.push('bottom');
    if (s < 60) black.push('below60');
    if (bottomThree && lastBottomThree.has(c.key)) black.push('bottom3twice');
    const red = s >= redCut && black.length === 0;
    return {
      key: c.key,
      score: s,
      volume: c.volume,
      rank,
      of: n,
      bottomThree,
      flag: black.length ? 'black' : red ? 'red' : null,
      reasons: black.length ? black : red ? ['top'] : [],
      unranked: null,
    };
  });
  return out;
}
