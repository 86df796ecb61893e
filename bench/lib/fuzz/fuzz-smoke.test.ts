import { describe, expect, it } from 'vitest';
import { runFuzz } from './run-fuzz.ts';

/**
 * A small fuzz run in the ordinary test suite, so the generators, the ledger and every public endpoint stay
 * in working order between full runs (`npx tsx bench/fuzz-public.ts`, 10,000 inputs per endpoint).
 */
describe('fuzz of the public endpoints (smoke run)', () => {
  it('gets no 5xx, no unlocalized refusal and no leak from a few dozen inputs per endpoint', async () => {
    const { failed, tallies, leaks } = await runFuzz({
      runs: 40,
      loginRuns: 10,
      seed: 20_260_520,
      concurrency: 4,
      seedPerKind: 3,
      print: false,
    });
    expect(tallies.map((t) => t.name)).toHaveLength(10);
    for (const t of tallies) {
      expect(t.sent, t.name).toBe(t.name.includes('login') ? 10 : 40);
      expect({ name: t.name, failed: t.failed, network: t.network, wrongLanguage: t.wrongLanguage }).toEqual({
        name: t.name,
        failed: 0,
        network: 0,
        wrongLanguage: 0,
      });
    }
    // the leak check compares with what accepted answers stored: some must have been accepted to mean anything
    const accepted = (name: string) => tallies.find((t) => t.name.startsWith(name))!.ok;
    expect(accepted('POST /api/cases (JSON)')).toBeGreaterThan(0);
    expect(accepted('POST /open311')).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
    expect(failed).toBe(false);
  }, 180_000);
});
