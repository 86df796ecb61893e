import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/harness.ts';
import { Intake, proveNothingLost, send, tally } from './intake.ts';
import { type PgCluster, startCluster } from './pg-cluster.ts';
import { adminToken, createAdmin, type ServerProcess, startServerProcess } from './server-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A webhook receiver on 127.0.0.1 that counts how often each case event arrives. */
async function receiver(): Promise<{ server: Server; url: string; seen: Map<number, number> }> {
  const seen = new Map<number, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      // other messages (a bulletin, say) carry no case event: not counted
      const id = (JSON.parse(body) as { event?: { id?: number } }).event?.id;
      if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen };
}

/** Polls check until it returns true or timeoutMs passes; returns its last answer. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(500);
  }
  return check();
}

let pg: PgCluster;
beforeAll(async () => {
  pg = await startCluster();
});
afterAll(async () => {
  await pg?.destroy();
});

describe('two server processes on one database', () => {
  it('share nothing but the database: intake to both, sweeps in both, no case, escalation or webhook delivery lost or doubled', async () => {
    const database = 'two';
    await pg.createDatabase(database);
    const url = pg.url(database);
    await createAdmin(url);
    const hook = await receiver();
    const env = { DATABASE_URL: url, WEBHOOK_ALLOW_HOSTS: '127.0.0.1' };
    const servers: ServerProcess[] = [];
    const intakes: Intake[] = [];
    try {
      servers.push(await startServerProcess(env, await freePort(), 'two-processes-a'));
      servers.push(await startServerProcess(env, await freePort(), 'two-processes-b'));
      const [a, b] = servers as [ServerProcess, ServerProcess];
      // a token minted by one process is valid in the other: sessions live in the database
      const token = await adminToken(a.url);
      const res = await fetch(`${b.url}/api/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ url: hook.url, format: 'json', orgCode: '411602' }),
      });
      expect(res.status, await res.clone().text()).toBe(201);

      const prefix = `双进程-${randomBytes(4).toString('hex')}`;
      intakes.push(new Intake(a.url, token, `${prefix}-a`, 4), new Intake(b.url, token, `${prefix}-b`, 4));
      // the same report (same Idempotency-Key) sent to both processes at once is one case
      const twins = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const key = randomUUID();
          const description = `${prefix}-twin ${key}`;
          return Promise.all([send(a.url, token, key, description), send(b.url, token, key, description)]);
        }),
      );
      await Promise.all(intakes.map((i) => i.moreAcked(60)));
      for (const i of intakes) console.log('two processes: answers', i.prefix, tally(await i.stop()));
      for (const [x, y] of twins) {
        expect([x.status, y.status].sort()).toEqual([200, 201]);
        expect(x.id).toBe(y.id);
      }
      for (const [i, s] of [
        [intakes[0]!, a],
        [intakes[1]!, b],
      ] as const)
        console.log('two processes: proof', await proveNothingLost(pg, database, s.url, token, i));

      // every case made overdue: the escalation sweeps of both processes race for them
      const ours = `description like '${prefix}-%'`;
      const cases = await pg.query<{ n: number }>(
        database,
        `select count(*)::int as n from cases where ${ours}`,
      );
      expect(cases[0]!.n).toBe(intakes[0]!.acked + intakes[1]!.acked + twins.length);
      await pg.query(
        database,
        `update cases set stage_deadline_at = now() - interval '1 minute' where ${ours}`,
      );
      const escalations = () =>
        pg.query<{ id: number; n: number }>(
          database,
          `select c.id, count(e.id)::int as n from cases c
             left join case_events e on e.case_id = c.id and e.action = 'escalate'
           where c.${ours} group by c.id`,
        );
      // the escalation sweep runs every minute from start-up
      expect(await waitFor(async () => (await escalations()).every((r) => r.n > 0), 100_000)).toBe(true);
      await sleep(2_000);
      expect((await escalations()).filter((r) => r.n !== 1)).toEqual([]);

      // every event of our cases reaches the webhook exactly once, whichever process delivered it
      const events = () =>
        pg.query<{ id: number }>(
          database,
          `select e.id from case_events e join cases c on c.id = e.case_id where c.${ours}`,
        );
      expect(
        await waitFor(async () => (await events()).every((e) => hook.seen.has(e.id)), 60_000),
        'every event delivered',
      ).toBe(true);
      await sleep(6_000);
      const doubled = [...hook.seen].filter(([, n]) => n > 1);
      expect(doubled).toEqual([]);
      for (const s of servers) expect(s.exited(), s.tail()).toBeNull();
    } finally {
      for (const i of intakes) await i.stop();
      for (const s of servers) await s.stop();
      hook.server.close();
    }
    // the escalation sweep's first pass comes a minute after start-up
  }, 300_000);
});
