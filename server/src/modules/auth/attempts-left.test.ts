import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { resetUserPassword } from '../users/commands/reset-password.ts';

let app: FastifyInstance;
let db: Db;
let t: Tenant;

beforeAll(async () => {
  app = await testApp();
  db = (await testDatabase()).db;
  t = await createTenant(db);
});

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('attempts left before the lockout', () => {
  it('counts down alike for a real account and a name that does not exist', async () => {
    const user = await createUserWith(db, 'dispatcher', { orgNodeId: t.district.id }, t.district.code);
    const ghost = `ghost_${randomBytes(5).toString('hex')}`;
    for (const name of [user.username, ghost]) {
      const left: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await login(name, `bad-${i}`);
        expect(res.statusCode).toBe(401);
        left.push(res.json().error.details.attemptsLeft);
      }
      expect(left).toEqual([4, 3, 2, 1]);
      const last = await login(name, 'bad-last');
      expect(last.json().error.details).toEqual({ attemptsLeft: 0 });
      expect((await login(name, 'bad-again')).statusCode).toBe(423);
    }
  });
});

describe('reset-password (the operator’s command)', () => {
  it('sets a new password, lifts the lockout and ends the sessions; an unknown name changes nothing', async () => {
    const user = await createUserWith(db, 'leader', { orgNodeId: t.district.id }, t.district.code);
    for (let i = 0; i < 5; i++) await login(user.username, `bad-${i}`);
    expect((await login(user.username, user.password)).statusCode).toBe(423);
    expect(await resetUserPassword(db, user.username, 'fresh-pass-123', { enable: false })).toBe(true);
    expect((await login(user.username, user.password)).statusCode).toBe(401);
    expect((await login(user.username, 'fresh-pass-123')).statusCode).toBe(200);
    expect(
      await resetUserPassword(db, `nobody_${randomBytes(4).toString('hex')}`, 'x'.repeat(8), {
        enable: false,
      }),
    ).toBe(false);
    await expect(resetUserPassword(db, user.username, 'short', { enable: false })).rejects.toThrow(
      /8 characters/,
    );
  });
});
