import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { STREETLIGHT } from '../../test/case-helpers.ts';
import { appsWithSettings, testConfig, testDatabase } from '../../test/database.ts';
import { createTenant, createUserWith, gridCentre, loginAs } from '../../test/factories.ts';
import { buildApp } from '../app.ts';
import { startMetricsListener } from './metrics-route.ts';

const TOKEN = 'metrics-test-token-0123456789';
const apps = appsWithSettings();
afterAll(() => apps.closeAll());

/** The value of one sample line of an exposition (name with its labels exactly as written), or null. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('GET /metrics', () => {
  it('answers Prometheus text to the metrics token only, with latency by route template and intake counts', async () => {
    const app = await apps.with({ metricsToken: TOKEN });
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: 'Bearer wrong-token-0000000000' },
        })
      ).statusCode,
    ).toBe(401);

    const before = await app.inject({ method: 'GET', url: '/metrics', headers: auth });
    const intake = 'civicgrid_intake_cases_total{source="resident"}';
    const db = (await testDatabase()).db;
    const t = await createTenant(db);
    const resident = await loginAs(app, await createUserWith(db, 'resident', {}, t.district.code));
    const made = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: resident },
      payload: {
        source: 'resident',
        categoryCode: STREETLIGHT,
        description: '路灯不亮',
        location: gridCentre(t, 0),
      },
    });
    expect(made.statusCode).toBe(201);
    // a concrete id in the URL is counted under its route template
    await app.inject({
      method: 'GET',
      url: `/api/cases/${made.json().data.id}`,
      headers: { cookie: resident },
    });

    const res = await app.inject({ method: 'GET', url: '/metrics', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.body;
    expect(sample(text, intake)).toBe((sample(before.body, intake) ?? 0) + 1);
    expect(text).toContain(
      'civicgrid_http_request_duration_seconds_bucket{method="GET",route="/api/cases/:id",status="2xx",le="0.005"}',
    );
    expect(text).not.toContain(`/api/cases/${made.json().data.id}"`);
    expect(sample(text, 'civicgrid_database_up')).toBe(1);
    expect(sample(text, 'civicgrid_webhook_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'civicgrid_escalation_lag_seconds')).toBeGreaterThanOrEqual(0);
    // every line is a comment or `name{labels} number`
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(
        /^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[^}]*\})? -?[0-9.e+-]+|[a-z_]+(\{[^}]*\})? (NaN|\+Inf))$/,
      );
    }
    // a tenant, a login (argon2) and a report: slow on a loaded machine
  }, 180_000);

  it('is not served on the main address without a token, and served alone on METRICS_LISTEN', async () => {
    const app = await apps.with({ metricsToken: null });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const listener = await startMetricsListener(await testDatabase(), '127.0.0.1:0');
    try {
      const { port } = listener.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('civicgrid_database_up 1');
      expect((await fetch(`http://127.0.0.1:${port}/api/cases`)).status).toBe(404);
    } finally {
      listener.close();
    }
  });
});

describe('request ids', () => {
  it('keeps a plausible X-Request-Id, replaces anything else, returns it and logs it on every line', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const app = await buildApp({
      config: testConfig({ logLevel: 'info' }),
      database: await testDatabase(),
      logStream,
    });
    try {
      const kept = await app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'lb-7f3a.42' },
      });
      expect(kept.headers['x-request-id']).toBe('lb-7f3a.42');
      const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === 'lb-7f3a.42');
      expect(logged.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);

      for (const bad of ['a'.repeat(129), 'two words', 'x\u2028y']) {
        const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': bad } });
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
      const fresh = await app.inject({ method: 'GET', url: '/healthz' });
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await app.close();
    }
  });
});
