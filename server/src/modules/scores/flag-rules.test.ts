import { describe, expect, it } from 'vitest';
import { type Candidate, flagCount, rankGroup } from './flag-rules.ts';

const group = (scores: (number | null)[], volume = 20): Candidate[] =>
  scores.map((score, i) => ({ key: String.fromCharCode(65 + i), score, volume }));
const flags = (r: ReturnType<typeof rankGroup>) =>
  Object.fromEntries(r.filter((x) => x.flag).map((x) => [x.key, x.flag]));

describe('weekly flags within a peer group', () => {
  it('gives 10 % rounded half up, at least one of each colour from five entities', () => {
    expect([4, 5, 9, 10, 14, 15, 24, 25].map(flagCount)).toEqual([0, 1, 1, 1, 1, 2, 2, 3]);
  });

  it('flags the best red and the worst black in a group of five', () => {
    const r = rankGroup(group([88, 95, 70, 81, 76]), 10, new Set());
    expect(flags(r)).toEqual({ B: 'red', C: 'black' });
    expect(r.map((x) => x.rank)).toEqual([2, 1, 5, 3, 4]);
  });

  it('shares the rank and the flag among entities tied at the cut', () => {
    const r = rankGroup(group([92, 92, 80, 75, 70, 70]), 10, new Set());
    expect(r.map((x) => x.rank)).toEqual([1, 1, 3, 4, 5, 5]);
    expect(flags(r)).toEqual({ A: 'red', B: 'red', E: 'black', F: 'black' });
  });

  it('gives no percentage flag when the whole group ties', () => {
    const r = rankGroup(group([80, 80, 80, 80, 80]), 10, new Set());
    expect(flags(r)).toEqual({});
    expect(r.every((x) => x.rank === 1)).toBe(true);
  });

  it('leaves entities under the minimum volume, or without a score, unranked and unflagged', () => {
    const cands = [
      ...group([95, 90, 85, 80, 75]),
      { key: 'X', score: 20, volume: 3 },
      { key: 'Y', score: null, volume: 50 },
    ];
    const r = rankGroup(cands, 10, new Set());
    const x = r.find((e) => e.key === 'X')!;
    const y = r.find((e) => e.key === 'Y')!;
    expect([x.rank, x.flag, x.unranked]).toEqual([null, null, 'few_cases']);
    expect([y.rank, y.flag, y.unranked]).toEqual([null, null, 'no_score']);
    expect(r.find((e) => e.key === 'A')!.of).toBe(5);
    expect(flags(r)).toEqual({ A: 'red', E: 'black' });
  });

  it('flags black any score below 60, in small groups too, and never a red one below 60', () => {
    expect(flags(rankGroup(group([59.9, 88]), 10, new Set()))).toEqual({ A: 'black' });
    const r = rankGroup(group([58, 50, 45, 40, 30]), 10, new Set());
    expect(Object.values(flags(r))).toEqual(['black', 'black', 'black', 'black', 'black']);
    expect(r[0]!.reasons).toEqual(['below60']);
  });

  it('flags black an entity in the bottom three two weeks running, not one there once', () => {
    const scores = [95, 90, 85, 80, 78, 76, 74, 72, 70, 68];
    const week1 = rankGroup(group(scores), 10, new Set());
    expect(week1.filter((x) => x.bottomThree).map((x) => x.key)).toEqual(['H', 'I', 'J']);
    // week 2: H stays in the bottom three, I climbs out, G falls in
    const week2 = rankGroup(group([95, 90, 85, 80, 78, 76, 70, 69, 77, 60]), 10, new Set(['H', 'I', 'J']));
    const byKey = Object.fromEntries(week2.map((x) => [x.key, x]));
    expect(byKey.J!.reasons).toEqual(['bottom', 'bottom3twice']);
    expect(byKey.H!.reasons).toEqual(['bottom3twice']);
    expect(byKey.G!.flag).toBeNull();
    expect(byKey.I!.flag).toBeNull();
    expect(flags(week2)).toEqual({ A: 'red', H: 'black', J: 'black' });
  });

  it('never gives one entity both flags', () => {
    for (let n = 1; n < 30; n++) {
      const r = rankGroup(group(Array.from({ length: n }, (_, i) => (i * 37) % 100)), 1, new Set(['A', 'B']));
      for (const x of r) expect(x.reasons.includes('top') && x.flag === 'black').toBe(false);
    }
  });
});
