import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Runs one of PostgreSQL's client programs (pg_dump, pg_restore) and fails with its own error output.
 * PG_BIN names their directory when the ones on PATH are older than the server (pg_dump must be at least
 * the server's version).
 */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const { dbname, env } = connectionArgs(url);
  const bin = process.env.PG_BIN ? path.join(process.env.PG_BIN, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, `--dbname=${dbname}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (err) =>
      reject(
        new Error(
          `${tool} could not be started (${err.message}); install the PostgreSQL client or set PG_BIN`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * The URL without its password, for pg_dump's argument list (visible in `ps`): the password travels in
 * PGPASSWORD instead.
 */
function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}
