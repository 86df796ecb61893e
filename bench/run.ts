/**
 * Runs every benchmark in this folder, one after another (`npm run bench`). A benchmark is any `*.ts` file
 * directly in bench/ except this one; shared helpers live in bench/lib/ and are not run. Each runs in its own
 * Node process so one benchmark's database, heap and JIT state cannot colour the next one's figures; the
 * environment (DATABASE_URL included) is passed through. Exits non-zero if any benchmark failed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const benchmarks = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .sort();

const failed: string[] = [];
for (const file of benchmarks) {
  console.log(`\n=== bench/${file} ===`);
  // `node --import tsx` runs TypeScript the same way `npx tsx` does, without npm's start-up in the timing.
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed.push(`${file} (${result.signal ?? `exit ${result.status}`})`);
}
console.log(`\n${benchmarks.length - failed.length}/${benchmarks.length} benchmarks finished`);
if (failed.length) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
