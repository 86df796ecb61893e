import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorld, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { MAX_REQUEST_HEAD_BYTES } from '../../infra/request-head.ts';
import { MAX_IDS } from './params.ts';
import { ENV_KEY, form, open311App, parseXml, sparkOf } from './test-helpers.ts';

// FixMyStreet's fallback polling (Open311::GetUpdates) puts every id it ever sent into one GET; over real
// HTTP, since the request-line limit is the server's, not the route's (inject would not meet it).

let app: FastifyInstance;
let base: string;
const sent: number[] = [];

beforeAll(async () => {
  const db = (await testDatabase()).db;
  app = await open311App(db);
  const w = await caseWorld(app, db);
  const at = gridCentre(w.t, 0);
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        api_key: ENV_KEY,
        service_code: STREETLIGHT,
        lat: String(at.lat),
        long: String(at.lng),
        description: `长列表 ${i}`,
      }),
    });
    sent.push(Number(res.json()[0].service_request_id));
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/open311/v2`;
});
afterAll(() => app.close());

/** A list of n ids: the requests sent here among ids nobody has (nine digits, as a large body's). */
const idList = (n: number) => [
  ...sent,
  ...Array.from({ length: n - sent.length }, (_, i) => 900_000_000 + i),
];

describe('GET requests with the id list FixMyStreet sends', () => {
  it('answers 20,000 ids in one request line (about 200 KB) with the requests that exist', async () => {
    const ids = idList(20_000);
    const url = `${base}/requests.xml?service_request_id=${ids.join(',')}`;
    expect(url.length).toBeGreaterThan(190_000);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const found = sparkOf(parseXml(await res.text())) as { service_request_id: string }[];
    expect(found.map((r) => Number(r.service_request_id)).sort()).toEqual([...sent].sort());
  });

  it('refuses more than MAX_IDS ids with 400, and a request head over the server limit with 431', async () => {
    const tooMany = await fetch(`${base}/requests.json?service_request_id=${idList(MAX_IDS + 1).join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { description: string }[])[0]!.description).toContain(String(MAX_IDS));
    const huge = await fetch(
      `${base}/requests.json?service_request_id=${'1,'.repeat(MAX_REQUEST_HEAD_BYTES / 2)}1`,
    );
    expect(huge.status).toBe(431);
  });
});
