import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, createUserWith } from '../../../test/factories.ts';
import { outage } from '../../../test/faults.ts';
import { type Db, one } from '../../infra/db.ts';
import { DbUnavailableError } from '../../infra/db-errors.ts';
import { LiveHub } from './live-hub.ts';
import type { NotificationView } from './queries.ts';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

describe('the live notification hub during a database outage', () => {
  it('keeps its streams open, backs off instead of polling every tick, and delivers what it missed once the database is back', async () => {
    const t = await createTenant(db);
    const user = await createUserWith(db, 'resident', {}, t.district.code);
    const down = outage(db);
    const errors: unknown[] = [];
    const hub = new LiveHub(down, { pollMs: 200, heartbeatMs: 60_000, onError: (e) => errors.push(e) });
    const got: NotificationView[] = [];
    let ended = false;
    const remove = hub.add({
      userId: user.id,
      lastId: 0,
      send: (n) => got.push(n),
      heartbeat: () => undefined,
      end: () => {
        ended = true;
      },
    });
    try {
      await vi.waitFor(() => expect(errors).toHaveLength(1));
      expect(errors[0]).toBeInstanceOf(DbUnavailableError);
      // within the back-off a pass does not touch the database
      await hub.poll();
      await hub.poll();
      expect(errors).toHaveLength(1);

      down.end();
      const n = await one<{ id: number }>(
        db,
        sql`insert into notifications (user_id, kind, title) values (${user.id}, 'report', '恢复后的通知') returning id`,
      );
      await vi.waitFor(() => expect(got.map((x) => x.id)).toEqual([n!.id]), { timeout: 5_000 });
      expect(ended).toBe(false);
      expect(hub.size).toBe(1);
    } finally {
      remove();
      hub.close();
    }
  });
});
