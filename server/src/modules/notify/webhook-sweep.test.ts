import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, type Tenant, type TestUser } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { addCaseEvent, createTestCase, type TestCase } from './test-fixtures.ts';
import { webhookSweep } from './webhook-sweep.ts';

interface Received {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let db: Db;
let t: Tenant;
let c: TestCase;
let owner: TestUser;
let receiver: Server;
let base: string;
const received: Received[] = [];

/** A local receiver: /fail answers 500, /refuse answers a robot refusal, /slow never answers in time. */
function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      received.push({
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (url.pathname === '/slow') return void setTimeout(() => res.end('late'), 2_000);
      if (url.pathname === '/fail') res.statusCode = 500;
      if (url.pathname === '/leak') {
        // an internal page a hook must never be able to read back
        res.statusCode = 500;
        return void res.end('internal admin page: db password hunter2');
      }
      res.setHeader('content-type', 'application/json');
      res.end(url.pathname === '/refuse' ? '{"errcode":310000,"errmsg":"sign not match"}' : '{"errcode":0}');
    });
  });
  return new Promise((resolve) =>
    receiver.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

/**
 * A hook on the case's unit (or, with `personal`, a user's own hook) and one delivery of a fresh event to it
 * (a dispatch unless told otherwise, with an optional note), sent to `url` when given.
 */
async function delivery(
  path: string,
  format = 'json',
  secret = 'top-secret',
  opts: { personal?: boolean; action?: string; reason?: string; url?: string } = {},
) {
  const hook = await one<{ id: number }>(
    db,
    sql`insert into webhooks (owner_user_id, unit_id, url, format, secret)
        values (${opts.personal ? owner.id : null}::uuid, ${opts.personal ? null : t.unitId}::integer,
          ${opts.url ?? base + path}, ${format}, ${secret})
        returning id`,
  );
  const eventId = await addCaseEvent(db, c.id, opts.action ?? 'dispatch', 'dispatched', null, opts.reason);
  const d = await one<{ id: number }>(
    db,
    sql`insert into webhook_deliveries (webhook_id, event_id) values (${hook!.id}, ${eventId}) returning id`,
  );
  return d!.id;
}

interface DeliveryRow {
  status: string;
  attempt: number;
  nextAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  deliveredAt: Date | null;
}

function deliveryRow(id: number) {
  return one<DeliveryRow>(
    db,
    sql`select status, attempt, next_at as "nextAt", last_status_code as "lastStatusCode", last_error as "lastError",
          last_duration_ms as "lastDurationMs", delivered_at as "deliveredAt" from webhook_deliveries where id = ${id}`,
  );
}

// the receiver listens on 127.0.0.1, which only the operator's allow-list (WEBHOOK_ALLOW_HOSTS) opens
const ALLOW = testConfig({ webhookAllowHosts: ['127.0.0.1'] }).webhookAllowHosts;
const sweep = (timeoutMs = 5_000) => webhookSweep(db, { batch: 500, timeoutMs, allowHosts: ALLOW });
const requestsFor = (id: number) => received.filter((r) => r.headers['x-civicgrid-delivery'] === String(id));

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  c = await createTestCase(db, t, { grid: 0, address: '七一路88号' });
  owner = await createUserWith(db, 'resident', {}, t.district.code);
  await startReceiver();
});

afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe('webhook deliveries', () => {
  it('POSTs JSON signed with HMAC-SHA256 over timestamp and body, and records the delivery', async () => {
    const id = await delivery('/json');
    await sweep().run();
    const [req] = requestsFor(id);
    expect(req).toBeDefined();
    const ts = req!.headers['x-civicgrid-timestamp'] as string;
    const expected = createHmac('sha256', 'top-secret').update(`${ts}.${req!.body}`).digest('hex');
    expect(req!.headers['x-civicgrid-signature']).toBe(`sha256=${expected}`);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    const body = JSON.parse(req!.body);
    expect(body.case).toMatchObject({ id: c.id, categoryName: '测试小类', link: `/cases/${c.id}` });
    expect(body.audience).toBe('staff');
    expect(req!.body).not.toContain(c.trackingCode);
    expect(body.event).toMatchObject({ action: 'dispatch', toState: 'dispatched' });
    expect(body.text).toContain('处置中');
    expect(await deliveryRow(id)).toMatchObject({
      status: 'delivered',
      attempt: 1,
      lastStatusCode: 200,
      lastError: null,
    });
  });

  it('sends WeCom robots a markdown message in Chinese', async () => {
    const id = await delivery('/wecom', 'wecom', '');
    await sweep().run();
    const req = received.find((r) => r.path === '/wecom')!;
    expect(requestsFor(id)).toHaveLength(1);
    const body = JSON.parse(req.body);
    expect(Object.keys(body).sort()).toEqual(['markdown', 'msgtype']);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain(`案件 ${c.id} 派遣`);
    expect(req.body).not.toContain(c.trackingCode);
    expect(body.markdown.content).toContain('类别：测试小类（99.01）');
    expect(body.markdown.content).toContain('地址：七一路88号');
    expect(body.markdown.content).toContain(`(/cases/${c.id})`);
  });

  it('sends DingTalk robots markdown with title and text, signed in the URL as DingTalk checks it', async () => {
    const secret = 'SECdingtalk-robot-secret';
    const id = await delivery('/ding?access_token=abc', 'dingtalk', secret);
    await sweep().run();
    const req = requestsFor(id)[0]!;
    expect(req.query.get('access_token')).toBe('abc');
    const timestamp = req.query.get('timestamp')!;
    const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(req.query.get('sign')).toBe(sign);
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    const body = JSON.parse(req.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe(`案件 ${c.id} 派遣`);
    expect(body.markdown.text).toContain('状态：处置中');
  });

  it('gives administrators’ unit hooks the step’s note, and personal hooks only what the tracking page shows', async () => {
    const note = '内部：承包商老李 13900001111 明早到场';
    const staff = await delivery('/staff-note', 'json', 's', { reason: note });
    const personal = await delivery('/personal-note', 'json', 's', { personal: true, reason: note });
    const personalRobot = await delivery('/personal-robot', 'wecom', '', { personal: true, reason: note });
    await sweep().run();
    expect(JSON.parse(requestsFor(staff)[0]!.body).event.reason).toBe(note);
    const pub = JSON.parse(requestsFor(personal)[0]!.body);
    expect(pub).toMatchObject({ audience: 'public', title: '测试小类：已派发至责任单位' });
    expect(pub.event).toMatchObject({ action: 'dispatch', reason: null, summary: '已派发至责任单位' });
    expect(pub.case).toEqual({
      id: c.id,
      categoryCode: '99.01',
      categoryName: '测试小类',
      address: '七一路88号',
    });
    for (const id of [personal, personalRobot]) {
      expect(requestsFor(id)[0]!.body).not.toMatch(/13900001111|老李/);
      expect(requestsFor(id)[0]!.body).not.toContain(c.trackingCode);
    }
  });

  it('sends a personal hook nothing about an internal step', async () => {
    const id = await delivery('/personal-internal', 'json', 's', {
      personal: true,
      action: 'request_extension',
      reason: '材料未到，申请延期',
    });
    await sweep().run();
    expect(requestsFor(id)).toHaveLength(0);
    expect(await deliveryRow(id)).toMatchObject({ status: 'failed', lastStatusCode: null });
  });

  it('links the case under PUBLIC_URL when one is configured, so a robot message can be tapped', async () => {
    const id = await delivery('/wecom-public', 'wecom', '');
    await webhookSweep(db, {
      batch: 500,
      publicUrl: 'https://civicgrid.example.gov.cn',
      allowHosts: ALLOW,
    }).run();
    const body = JSON.parse(requestsFor(id)[0]!.body);
    expect(body.markdown.content).toContain(`[查看案件](https://civicgrid.example.gov.cn/cases/${c.id})`);
  });

  it('schedules a retry about a minute later when the receiver answers 500', async () => {
    const id = await delivery('/fail');
    const before = Date.now();
    await sweep().run();
    const row = (await deliveryRow(id))!;
    expect(row).toMatchObject({ status: 'pending', attempt: 1, lastStatusCode: 500, deliveredAt: null });
    expect(row.lastError).toContain('500');
    expect(row.nextAt.getTime() - before).toBeGreaterThan(50_000);
    expect(row.nextAt.getTime() - before).toBeLessThan(70_000 + 5_000);
    // not due yet: another pass leaves it alone
    await sweep().run();
    expect(requestsFor(id)).toHaveLength(1);
  });

  it('counts a robot’s errcode refusal and a timeout as failures, and gives up after the sixth attempt', async () => {
    const refused = await delivery('/refuse', 'wecom', '');
    await sweep().run();
    const slow = await delivery('/slow');
    await db.execute(sql`update webhook_deliveries set attempt = 5 where id = ${slow}`);
    await sweep(500).run();
    expect(await deliveryRow(refused)).toMatchObject({ status: 'pending', attempt: 1, lastStatusCode: 200 });
    expect((await deliveryRow(refused))!.lastError).toContain('310000');
    const gaveUp = (await deliveryRow(slow))!;
    expect(gaveUp).toMatchObject({ status: 'failed', attempt: 6, lastStatusCode: null });
    expect(gaveUp.lastError).toContain('timeout');
  });

  it('delivers each delivery exactly once when two processes sweep at the same time', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await delivery('/race'));
    const [a, b] = await Promise.all([
      sweep().run(),
      webhookSweep(db, { batch: 500, allowHosts: ALLOW }).run(),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) expect(requestsFor(id)).toHaveLength(1);
    const states = await rows<{ status: string; attempt: number }>(
      db,
      sql`select status, attempt from webhook_deliveries where id in (${sql.join(ids, sql`, `)})`,
    );
    expect(states.every((s) => s.status === 'delivered' && s.attempt === 1)).toBe(true);
  });
});

describe('where deliveries may go', () => {
  it('records the status and the time taken, never the receiver’s answer', async () => {
    const id = await delivery('/leak');
    await sweep().run();
    const row = (await deliveryRow(id))!;
    expect(row).toMatchObject({ status: 'pending', lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(row.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(row.lastDurationMs).toBeLessThan(5_000);
    expect(JSON.stringify(row)).not.toContain('hunter2');
  });

  it('does not send to loopback when the allow-list does not name it, and says why', async () => {
    const id = await delivery('/json');
    await webhookSweep(db, { batch: 500 }).run();
    expect(requestsFor(id)).toHaveLength(0);
    const row = (await deliveryRow(id))!;
    expect(row).toMatchObject({ status: 'pending', attempt: 1, lastStatusCode: null });
    expect(row.lastError).toContain('WEBHOOK_ADDRESS_FORBIDDEN');
  });

  it('checks the address again after DNS at send time and connects to the address it checked', async () => {
    const port = new URL(base).port;
    // the name resolves to a public address when the hook is registered, then to loopback (DNS rebinding)
    let answer = '93.184.216.34';
    const resolve = async () => [{ address: answer, family: 4 as const }];
    const rebound = await delivery('', 'json', 'top-secret', {
      url: `http://hooks.example.test:${port}/dns`,
    });
    answer = '127.0.0.1';
    await webhookSweep(db, { batch: 500, resolve }).run();
    expect(requestsFor(rebound)).toHaveLength(0);
    expect((await deliveryRow(rebound))!.lastError).toContain('WEBHOOK_ADDRESS_FORBIDDEN');

    // one bad address among several is enough to refuse: the connection could pick any of them
    answer = '127.0.0.1';
    const mixed = await delivery('', 'json', 'top-secret', { url: `http://hooks.example.test:${port}/dns` });
    const both = async () => [
      { address: '93.184.216.34', family: 4 as const },
      { address: '127.0.0.1', family: 4 as const },
    ];
    await webhookSweep(db, { batch: 500, resolve: both }).run();
    expect(requestsFor(mixed)).toHaveLength(0);

    // allowed by the operator, the request goes to the address the check saw, under the hook's own host name
    const allowed = await delivery('', 'json', 'top-secret', {
      url: `http://hooks.example.test:${port}/dns`,
    });
    await webhookSweep(db, { batch: 500, resolve, allowHosts: ALLOW }).run();
    const [req] = requestsFor(allowed);
    expect(req).toBeDefined();
    expect(req!.headers.host).toBe(`hooks.example.test:${port}`);
    expect((await deliveryRow(allowed))!.status).toBe('delivered');
  });
});
