import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, type Tenant, type TestUser } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { type Db, one } from '../../infra/db.ts';
import { raisedLimitSettings } from '../../infra/limit-config.ts';
import { loginGuardSweep } from './login-guard.ts';

let db: Db;
let t: Tenant;
let app: FastifyInstance;

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  const limits = raisedLimitSettings();
  // a small account-wide allowance (just above the address lockout's 5) keeps the back-off tests short
  limits.login = { addressFailures: 5, accountFailures: 6, backoffMaxSeconds: 900 };
  app = await buildApp({ config: testConfig({ limits }), database: await testDatabase(), logger: false });
  await app.ready();
});
afterAll(() => app.close());

const login = (username: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

const newAdmin = () => createUserWith(db, 'district_admin', { orgNodeId: t.district.id }, t.district.code);

/** Attempts whose password was actually checked (each one writes a login_attempts row). */
const checked = async (username: string) =>
  (await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from login_attempts where username = ${username}`,
  ))!.n;

/** Lets the running lock or back-off of a user run out, as if its time had passed. */
const expire = (username: string) =>
  db.execute(
    sql`update login_guards set locked_until = now() - interval '1 second' where username = lower(${username})`,
  );

describe('login lockout', () => {
  it('checks at most 5 of 13 parallel wrong passwords from one address', async () => {
    const admin = await newAdmin();
    const answers = await Promise.all(
      Array.from({ length: 13 }, (_, i) => login(admin.username, `wrong-${i}`, '198.51.100.1')),
    );
    expect(await checked(admin.username)).toBe(5);
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([...Array(5).fill(401), ...Array(8).fill(423)]);
    const locked = answers.find((r) => r.statusCode === 423)!;
    expect(locked.json().error).toMatchObject({
      code: 'LOGIN_LOCKED',
      message: '登录失败次数过多，账号已临时锁定，请15分钟后再试。',
    });
    const wait = Number(locked.headers['retry-after']);
    expect(wait).toBeGreaterThan(880);
    expect(wait).toBeLessThanOrEqual(900);
    // locked even for the right password, at that address
    expect((await login(admin.username, admin.password, '198.51.100.1')).statusCode).toBe(423);
  });

  it('does not let a stranger at one address lock the owner out at another', async () => {
    const admin = await newAdmin();
    for (let i = 0; i < 5; i++) await login(admin.username, `guess-${i}`, '203.0.113.66');
    expect((await login(admin.username, admin.password, '203.0.113.66')).statusCode).toBe(423);
    expect((await login(admin.username, admin.password, '198.51.100.2')).statusCode).toBe(200);
  });

  it('holds many addresses together to the account back-off, doubling the wait, with Retry-After', async () => {
    const admin = await newAdmin();
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(admin.username, `spray-${i}`, `192.0.2.${i + 1}`)),
    );
    const elapsed = (Date.now() - started) / 1000;
    // six failures are free; the sixth starts the back-off (1 s, then 2 s, 4 s …), so within `elapsed`
    // seconds at most log2(elapsed + 1) more attempts can have been checked — one, on a quick machine
    const passed = await checked(admin.username);
    expect(passed).toBeGreaterThanOrEqual(6);
    expect(passed - 6).toBeLessThanOrEqual(Math.floor(Math.log2(elapsed + 1)));
    const refused = answers.filter((r) => r.statusCode === 429);
    expect(refused).toHaveLength(20 - passed);
    expect(refused[0]!.json().error.code).toBe('RATE_LIMITED');
    expect(refused.every((r) => Number(r.headers['retry-after']) >= 1)).toBe(true);
    // each further failure doubles the wait before the next attempt from any new address
    const waits = [];
    for (let i = 0; i < 4; i++) {
      await expire(admin.username);
      // two at once from two new addresses: the first is checked and starts the next wait, the other waits
      const pair = await Promise.all(
        [100, 200].map((n) => login(admin.username, `more-${i}`, `192.0.2.${n + i}`)),
      );
      const [first, second] = pair.sort((a, b) => a.statusCode - b.statusCode);
      expect([first!.statusCode, second!.statusCode]).toEqual([401, 429]);
      waits.push(Number(second!.headers['retry-after']));
    }
    const first = 2 ** (passed - 5);
    expect(waits).toEqual([first, first * 2, first * 4, first * 8]);
    expect(await checked(admin.username)).toBe(passed + 4);
  });

  it('lets the owner in from an address it logged in from before, while the back-off runs', async () => {
    const admin: TestUser = await newAdmin();
    expect((await login(admin.username, admin.password, '198.51.100.3')).statusCode).toBe(200);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(admin.username, `spray-${i}`, `192.0.2.${i + 1}`)),
    );
    // as if the attack had gone on for a while: the back-off now runs for minutes
    await db.execute(
      sql`update login_guards set locked_until = now() + interval '10 minutes'
          where username = lower(${admin.username}) and address = '*'`,
    );
    // a new address waits for the back-off even with the right password …
    expect((await login(admin.username, admin.password, '198.51.100.4')).statusCode).toBe(429);
    // … the owner's known address does not, and its success ends the back-off
    expect((await login(admin.username, admin.password, '198.51.100.3')).statusCode).toBe(200);
    expect((await login(admin.username, admin.password, '198.51.100.4')).statusCode).toBe(200);
  });

  it('answers for a user name that does not exist exactly as for one that does', async () => {
    const admin = await newAdmin();
    const run = async (username: string, subnet: number) => {
      const out = [];
      // five failures lock the address; one from elsewhere starts the account back-off; the next waits
      for (let i = 0; i < 6; i++) out.push(await login(username, 'wrong', `10.${subnet}.0.1`));
      // (together, so the second comes well within the first back-off second even on a busy machine)
      const pair = await Promise.all([2, 3].map((n) => login(username, 'wrong', `10.${subnet}.0.${n}`)));
      out.push(...pair.sort((a, b) => a.statusCode - b.statusCode));
      return out.map((r) => [r.statusCode, r.json().error.code]);
    };
    const real = await run(admin.username, 1);
    const ghost = await run(`ghost-${admin.username}`, 2);
    expect(real.map(([status]) => status)).toEqual([401, 401, 401, 401, 401, 423, 401, 429]);
    expect(ghost).toEqual(real);
  });

  it('forgets guards that no longer lock, count or vouch for anything, and keeps the others', async () => {
    const name = `sweep-${Date.now().toString(36)}`;
    await db.execute(
      sql`insert into login_guards (username, address, failures, last_failure_at, locked_until, last_success_at)
          values (${name}, 'stale', 3, now() - interval '2 days', null, null),
                 (${name}, 'recent', 3, now() - interval '1 hour', null, null),
                 (${name}, 'known', 0, now() - interval '2 days', null, now() - interval '10 days'),
                 (${name}, 'locked', 9, now() - interval '2 days', now() + interval '1 hour', null)`,
    );
    expect(await loginGuardSweep(db).run()).toBeGreaterThanOrEqual(1);
    const left = await db.execute<{ address: string }>(
      sql`select address from login_guards where username = ${name} order by address`,
    );
    expect(left.rows.map((r) => r.address)).toEqual(['known', 'locked', 'recent']);
  });
});
