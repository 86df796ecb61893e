import { fmt } from '../report.ts';
import type { Ledger } from './ledger.ts';
import type { LogSink } from './log-sink.ts';
import type { Example, Tally } from './runner.ts';

const pad = (s: string | number, n: number) => String(s).padStart(n);

function refusals(t: Tally): string {
  return [...t.statuses.entries()]
    .filter(([s]) => s >= 400 && s < 500 && s !== 429)
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
}

function printExamples(title: string, list: Example[], out: (line: string) => void): void {
  for (const e of list) {
    out(`  ${title} ${e.status} (${e.label}): ${e.request}`);
    out(`    answer: ${e.body.replace(/\s+/g, ' ')}`);
    for (const l of e.logs.slice(0, 6)) out(`    log: ${l}`);
  }
}

/**
 * Prints (through `out`) the counts per endpoint, the first 5xx and unlocalized refusals with their inputs and log lines,
 * what the accepted answers stored and every leak found; returns whether the run failed.
 */
export function printReport(
  tallies: Tally[],
  ledger: Ledger,
  leaks: string[],
  logs: LogSink,
  out: (line: string) => void = console.log,
): boolean {
  out('');
  out(
    `${'endpoint'.padEnd(32)} ${pad('inputs', 7)} ${pad('2xx', 6)} ${pad('4xx', 6)} ${pad('429', 5)} ${pad('5xx', 5)} ${pad('net', 4)} ${pad('lang', 5)} ${pad('s', 6)}  4xx by status`,
  );
  for (const t of tallies) {
    out(
      `${t.name.padEnd(32)} ${pad(fmt(t.sent), 7)} ${pad(fmt(t.ok), 6)} ${pad(fmt(t.refused), 6)} ${pad(t.limited, 5)} ${pad(t.failed, 5)} ${pad(t.network, 4)} ${pad(t.wrongLanguage, 5)} ${pad(fmt(t.ms / 1000, 0), 6)}  ${refusals(t)}${t.unsendable ? `  (${t.unsendable} not sendable by the client)` : ''}`,
    );
  }
  const total = (k: keyof Tally) => tallies.reduce((s, t) => s + (t[k] as number), 0);
  out(
    `${'total'.padEnd(32)} ${pad(fmt(total('sent')), 7)} ${pad(fmt(total('ok')), 6)} ${pad(fmt(total('refused')), 6)} ${pad(total('limited'), 5)} ${pad(total('failed'), 5)} ${pad(total('network'), 4)} ${pad(total('wrongLanguage'), 5)}`,
  );
  out('\nrefusals by error code:');
  for (const t of tallies) {
    const codes = [...t.codes.entries()].sort(([, a], [, b]) => b - a);
    out(`  ${t.name.padEnd(32)} ${codes.map(([c, n]) => `${c} ${fmt(n)}`).join(', ')}`);
  }
  for (const t of tallies) {
    if (t.failures.length) {
      out(`\n${t.name}: first 5xx / network errors`);
      printExamples('5xx', t.failures, out);
    }
    if (t.languageExamples.length) {
      out(`\n${t.name}: refusals not in the caller's language`);
      printExamples('4xx', t.languageExamples, out);
    }
  }
  const ratings = [...ledger.actions.values()].reduce((s, a) => s + a.ratings.length, 0);
  const reopens = [...ledger.actions.values()].reduce((s, a) => s + a.reopens, 0);
  out(
    `\naccepted and stored: ${fmt(ledger.created.size)} cases (${ledger.open311Requests} through Open311), ` +
      `${fmt(ledger.photos)} photos, ${ledger.idempotencyKeys} idempotency keys, ${ratings} ratings, ` +
      `${reopens} reopenings, ${ledger.followCodes.length} follower codes, ${ledger.accountFollows.size} follows by ` +
      `account, ${ledger.sessions} sessions`,
  );
  out(`server log: ${logs.errors} lines at level error or above, ${logs.lines.length} at warn or above`);
  if (leaks.length) {
    out(`\nstored for rejected inputs (or missing for accepted ones):`);
    for (const l of leaks) out(`  ${l}`);
  } else {
    out('database and photo folder: nothing stored beyond what the accepted answers account for');
  }
  const failed = total('failed') + total('network') + total('wrongLanguage') + leaks.length > 0;
  out(failed ? '\nFUZZ FAILED' : '\nFUZZ PASSED: no 5xx, no leak');
  return failed;
}
