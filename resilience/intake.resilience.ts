import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, OUTPUT_DIR } from '../e2e/harness.ts';
import { type Attempt, HANG_MS, Intake, proveNothingLost, tally } from './intake.ts';
import { type PgCluster, startCluster } from './pg-cluster.ts';
import { adminToken, createAdmin, type ServerProcess, startServerProcess } from './server-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Health = { status: number; state?: string };
async function healthz(url: string): Promise<Health> {
  const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(HANG_MS) });
  const body = (await res.json()) as { database?: { state: string } };
  return { status: res.status, state: body.database?.state };
}

/** Waits for n more acknowledged reports; when they do not come, says whether the server process died. */
async function progress(intake: Intake, server: ServerProcess, n: number): Promise<void> {
  await intake.moreAcked(n).catch((err: Error) => {
    throw new Error(
      `${err.message}; server process: ${server.exited() ?? 'running'}. Its output:\n${server.tail()}`,
    );
  });
}

/** A fresh database in the cluster, migrated, with district 411602 and its administrator. */
async function freshDatabase(pg: PgCluster, name: string): Promise<string> {
  await pg.createDatabase(name);
  const url = pg.url(name);
  await createAdmin(url);
  return url;
}

let pg: PgCluster;
beforeAll(async () => {
  rmSync(path.join(OUTPUT_DIR, 'resilience-server.log'), { force: true });
  pg = await startCluster();
});
afterAll(async () => {
  await pg?.destroy();
});

describe('intake on real PostgreSQL', () => {
  it('survives pg_terminate_backend and a 5-second database restart under concurrent intake: 503 DB_UNAVAILABLE during the outage, healthy again without a restart, no acknowledged report lost', async () => {
    const database = 'outage';
    const url = await freshDatabase(pg, database);
    const server = await startServerProcess({ DATABASE_URL: url }, await freePort(), 'resilience-server');
    let intake: Intake | null = null;
    try {
      const token = await adminToken(server.url);
      intake = new Intake(server.url, token, `韧性-${database}-${randomBytes(4).toString('hex')}`);
      await progress(intake, server, 30);

      // 1. end every connection the server holds, idle or busy (this query runs on another database)
      const cut = await pg.query(
        'postgres',
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
        [database],
      );
      expect(cut.length).toBeGreaterThan(0);
      await progress(intake, server, 30);
      expect(server.exited(), server.tail()).toBeNull();

      // 2. restart the database with 5 seconds down, intake running all along
      await pg.stop();
      const downFrom = Date.now();
      const health: Health[] = [];
      while (Date.now() - downFrom < 5_000) {
        health.push(await healthz(server.url));
        await sleep(500);
      }
      const downTo = Date.now();
      await pg.start();

      // 3. the same process serves again by itself
      const backBy = Date.now() + 30_000;
      while ((await healthz(server.url)).status !== 200 && Date.now() < backBy) await sleep(200);
      await progress(intake, server, 30);
      const attempts = await intake.stop();
      console.log('outage: answers', tally(attempts));
      expect(server.exited(), server.tail()).toBeNull();
      expect(await healthz(server.url)).toEqual({ status: 200, state: 'up' });
      expect(health.length).toBeGreaterThan(5);
      expect(health.every((h) => h.status === 503 && h.state === 'down')).toBe(true);

      // every answer was an acknowledgement or a 503 DB_UNAVAILABLE: no 500, no hang, no dropped connection
      const odd = attempts.filter(
        (a) => !(a.status === 201 || (a.status === 503 && a.code === 'DB_UNAVAILABLE')),
      );
      expect(odd).toEqual([]);
      // while the database was down: refusals only, and quick ones
      const whileDown = attempts.filter((a) => a.at >= downFrom && a.at + a.ms <= downTo);
      expect(whileDown.length).toBeGreaterThan(10);
      expect(whileDown.filter((a: Attempt) => a.status !== 503)).toEqual([]);
      const slowest = Math.max(...whileDown.map((a) => a.ms));
      console.log(`outage: ${whileDown.length} requests while down, slowest answer ${slowest} ms`);
      expect(slowest).toBeLessThan(2_000);

      const proof = await proveNothingLost(pg, database, server.url, token, intake);
      console.log('outage: proof', proof);
    } finally {
      await intake?.stop();
      await server.stop();
    }
  });

  it('loses no acknowledged report when the server is killed with kill -9 mid-intake, and serves again once started', async () => {
    const database = 'killed';
    const url = await freshDatabase(pg, database);
    const port = await freePort();
    let server: ServerProcess = await startServerProcess({ DATABASE_URL: url }, port, 'resilience-server');
    let intake: Intake | null = null;
    try {
      const token = await adminToken(server.url);
      intake = new Intake(server.url, token, `韧性-${database}-${randomBytes(4).toString('hex')}`);
      await progress(intake, server, 50);
      await server.kill9();
      expect(server.exited()).toBe('SIGKILL');

      server = await startServerProcess({ DATABASE_URL: url }, port, 'resilience-server');
      await progress(intake, server, 30);
      const attempts = await intake.stop();
      console.log('kill -9: answers', tally(attempts));
      // an answer is an acknowledgement; the only other outcome is no answer while no process listened
      const odd = attempts.filter(
        (a) => !(a.status === 201 || (a.status === null && a.failure !== 'timeout')),
      );
      expect(odd).toEqual([]);
      expect(attempts.some((a) => a.status === null)).toBe(true);
      expect(await healthz(server.url)).toEqual({ status: 200, state: 'up' });

      const proof = await proveNothingLost(pg, database, server.url, token, intake);
      console.log('kill -9: proof', proof);
    } finally {
      await intake?.stop();
      await server.stop();
    }
  });
});
