import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appsWithSettings, testDatabase } from '../../../test/database.ts';
import { createUserWith, loginAs } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { type CareWorld, careWorld, enrolElders } from './test-fixtures.ts';

const apps = appsWithSettings();
let db: Db;
let w: CareWorld;
let plain: FastifyInstance;
let withUrl: FastifyInstance;
let elder: number;

beforeAll(async () => {
  db = (await testDatabase()).db;
  plain = await apps.with();
  withUrl = await apps.with({ publicUrl: 'https://grid.example.cn' });
  w = await careWorld(db);
  [elder] = (await enrolElders(db, w, 1, { from: new Date() })) as [number];
});
afterAll(() => apps.closeAll());

const card = async (app: FastifyInstance, who = w.gridWorker, lang = 'zh-CN') =>
  app.inject({
    method: 'POST',
    url: `/api/care/watched/${elder}/checkin-card`,
    headers: { cookie: await loginAs(app, who), 'accept-language': lang },
  });
const status = (app: FastifyInstance, token: string) =>
  app.inject({ method: 'POST', url: '/api/care/checkin/status', payload: { token } });
const hash = async () =>
  (await one<{ h: string }>(
    db,
    sql`select checkin_token_hash as h from care_watched where person_id = ${elder}`,
  ))!.h;
const cardAudits = () =>
  rows<{ after: Record<string, unknown> }>(
    db,
    sql`select after from audit_log where action = 'care.checkin_card' and entity_id = ${String(elder)}`,
  );

describe('the printed check-in card', () => {
  it('without PUBLIC_URL says so in the caller’s language and voids nothing', async () => {
    const before = await hash();
    const zh = await card(plain);
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error).toMatchObject({ code: 'CHECKIN_CARD_PUBLIC_URL_UNSET' });
    expect(zh.json().error.message).toContain('未设置 PUBLIC_URL');
    const en = await card(plain, w.gridWorker, 'en-US');
    expect(en.json().error.message).toContain(
      'PUBLIC_URL (the address people reach the platform at) is not set',
    );
    expect(await hash()).toBe(before);
    expect(await cardAudits()).toEqual([]);
  });

  it('holds the absolute link with a new secret in its QR code, the masked name, and an audit row without the secret', async () => {
    const res = await card(withUrl);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json().data as { url: string; qr: string; name: string; thresholdHours: number };
    expect(d.url).toMatch(/^https:\/\/grid\.example\.cn\/m\/checkin#[A-Za-z0-9_-]{32}$/);
    expect(d.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(d.name).toBe('关***0');
    expect(d.thresholdHours).toBe(24);
    const token = d.url.split('#')[1]!;
    const opened = await status(withUrl, token);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().data.name).toBe('关***0');
    const audits = await cardAudits();
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).not.toContain(token);
  });

  it('voids the earlier card when another is printed', async () => {
    const first = (await card(withUrl)).json().data.url.split('#')[1] as string;
    const second = (await card(withUrl)).json().data.url.split('#')[1] as string;
    expect((await status(withUrl, first)).statusCode).toBe(404);
    expect((await status(withUrl, second)).statusCode).toBe(200);
  });

  it('is printed by those who enrol (not the street) and only in their own area', async () => {
    expect((await card(withUrl, w.streetStaff)).statusCode).toBe(403);
    const other = await createUserWith(
      db,
      'grid_worker',
      { orgNodeId: w.t.grids[1]!.id },
      w.t.grids[1]!.code,
    );
    expect([403, 404]).toContain((await card(withUrl, other)).statusCode);
  });
});
