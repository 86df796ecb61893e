import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../..');

/** Runs `npm run cli -- …` as an operator would (tsx, the real entry point) and collects what it prints. */
function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('the operator’s command line', () => {
  it('--help prints the commands and creates no database', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-cli-')), 'data');
    const run = await cli(['--help'], { DATA_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reset-password <username>');
    expect(run.stdout).toContain('backup');
    expect(existsSync(dir)).toBe(false);
  });

  it('an unknown command is refused with the usage, exit code 2, and creates nothing', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-cli-')), 'data');
    const run = await cli(['frobnicate'], { DATA_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown command "frobnicate"');
    expect(existsSync(dir)).toBe(false);
  });
});
