import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './infra/config.ts';
import { startServer } from './server.ts';

const root = path.join(import.meta.dirname, '../..');

function start(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('the server process', () => {
  it('refuses to start on a bad configuration value and names it', async () => {
    const proc = start({ PORT: 'not-a-port', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cg-main-')) });
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('Invalid configuration: PORT must be an integer');
  });

  it('exits with a plain message when the database cannot be reached at start-up', async () => {
    // port 1 on the loopback: nothing listens there, so the connection is refused at once
    const proc = start({
      DATABASE_URL: 'postgres://civicgrid:x@127.0.0.1:1/civicgrid',
      SECRET_KEY: 'a-secret-key-that-is-long-enough-000000',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cg-main-')),
    });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain(
      'Cannot reach the database (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('starts empty with --no-demo, serves /healthz and the OpenAPI document, and finishes in-flight requests on shutdown', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-main-'));
    const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir }), {
      demo: false,
      logger: false,
    });
    try {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({
        status: 'ok',
        db: 'pglite',
        database: { state: 'up', downSince: null, lastErrorAt: null },
      });
      const doc = (await (await fetch(`${server.url}/docs/json`)).json()) as {
        openapi: string;
        paths: object;
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/org/locate', '/api/auth/login', '/healthz']),
      );
      const config = (await (await fetch(`${server.url}/api/config`)).json()) as {
        data: { district: unknown };
      };
      expect(config.data.district).toBeNull();
      // a login takes an argon2 verification: send one, then shut down once the server has received it
      const received = new Promise((r) => server.app.server.once('request', r));
      const inflight = fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'nothing-here' }),
      });
      await received;
      const stopped = server.shutdown();
      expect((await inflight).status).toBe(401);
      await stopped;
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      await server.shutdown();
    }
  });
});
