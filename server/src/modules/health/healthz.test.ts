import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../../test/database.ts';
import { databaseDown } from '../../../test/faults.ts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../infra/db.ts';

let real: Database;
beforeAll(async () => {
  real = await testDatabase();
});

const appOn = (database: Database) => buildApp({ config: testConfig(), database, logger: false });

describe('GET /healthz', () => {
  it('is 200 with the database up', async () => {
    const app = await appOn(real);
    try {
      const res = await app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'ok',
        db: real.kind,
        database: { state: 'up', downSince: null },
      });
    } finally {
      await app.close();
    }
  });

  it('is 503 with the database state while it is down, and 200 again once it is back, without a restart', async () => {
    const database = databaseDown(real);
    const app = await appOn(database);
    try {
      const down = await app.inject({ url: '/healthz' });
      expect(down.statusCode).toBe(503);
      expect(down.headers['cache-control']).toBe('no-store');
      expect(down.json()).toEqual({
        status: 'unavailable',
        db: real.kind,
        database: {
          state: 'down',
          downSince: database.health().downSince!.toISOString(),
          lastErrorAt: expect.any(String),
        },
      });
      database.end();
      const back = await app.inject({ url: '/healthz' });
      expect(back.statusCode).toBe(200);
      expect(back.json()).toMatchObject({ status: 'ok', database: { state: 'up', downSince: null } });
      // the last failure stays visible after recovery, for whoever looks into it later
      expect(back.json().database.lastErrorAt).toEqual(expect.any(String));
    } finally {
      await app.close();
    }
  });
});
