import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.ts';
import { loadConfig } from './infra/config.ts';
import { startServer } from './server.ts';

describe('the start banner', () => {
  it('names each demo account’s role in Chinese with its area and a test location, between two rules', () => {
    const text = startBanner('http://127.0.0.1:3000', 'pglite', [
      {
        username: 'gridworker',
        password: 'p-123456',
        role: 'grid_worker',
        displayName: '网格员',
        scope: '富民社区第1网格',
      },
      {
        username: 'street',
        password: 'p-123456',
        role: 'street_staff',
        displayName: '街道',
        scope: '七一路街道',
      },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^─+$/);
    expect(lines.at(-1)).toMatch(/^─+$/);
    expect(text).toContain('网格员');
    expect(text).toContain('街道工作人员');
    expect(text).toContain('富民社区第1网格');
    expect(text).toContain('经度 114.583，纬度 33.676');
    // no line of it parses as a JSON log line
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
  });

  it('says plainly that DEMO_PASSWORD was ignored when the data folder already holds data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-banner-'));
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir });
    const first = await startServer(config, { demo: false, logger: false });
    // data of an earlier run: a district exists, so no demo is seeded and no account takes the password
    await first.database.db.execute(
      sql`insert into org_nodes (code, level, name) values ('411602', 'district', '川汇区')`,
    );
    await first.shutdown();
    const again = await startServer(config, { demo: true, demoPassword: 'demo-pass-123', logger: false });
    try {
      expect(again.accounts).toEqual([]);
      expect(again.demoPasswordIgnored).toBe(true);
      const text = startBanner(again.url, 'pglite', again.accounts, { demoPasswordIgnored: true });
      expect(text).toContain('DEMO_PASSWORD 已忽略');
      expect(text).toContain('npm run cli -- reset-password admin');
    } finally {
      await again.shutdown();
    }
  }, 120_000);
});
