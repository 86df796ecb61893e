import type { Database, Db } from '../src/infra/db.ts';
import { DbUnavailableError } from '../src/infra/db-errors.ts';

/** What the pg driver throws when nothing listens on the database's port. */
export const connectionRefused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/**
 * A handle on a database that cannot be reached: every statement fails the way the PostgreSQL pool fails
 * while the server is down (DbUnavailableError wrapping the refused connection). `outage.end()` brings it
 * back, delegating to the real handle again.
 */
export function outage(db: Db): Db & { end(): void; readonly down: boolean } {
  let down = true;
  const handle = {
    get down() {
      return down;
    },
    end: () => {
      down = false;
    },
    execute: ((query, opts) =>
      down
        ? Promise.reject(new DbUnavailableError(connectionRefused()))
        : db.execute(query, opts)) as Db['execute'],
    transaction: ((fn) =>
      down
        ? Promise.reject(new DbUnavailableError(connectionRefused()))
        : db.transaction(fn)) as Db['transaction'],
  };
  return handle;
}

/** A Database that is down, as the app sees PostgreSQL during an outage, until `end()`. */
export function databaseDown(real: Database): Database & { end(): void } {
  const db = outage(real.db);
  const since = new Date();
  return {
    ...real,
    db,
    // the read-replica routing (DATABASE_READ_URL) would reach the real primary behind the outage's back
    reads: undefined,
    end: db.end,
    health: () =>
      db.down
        ? { state: 'down', downSince: since, lastErrorAt: since }
        : { state: 'up', downSince: null, lastErrorAt: since },
  };
}

/**
 * A handle whose transactions really commit but whose COMMIT answer is lost: the caller gets the error a
 * dropped connection gives and cannot know the data was stored (the hardest case for "no report lost,
 * none stored twice").
 */
export function commitAnswerLost(db: Db): Db {
  return {
    execute: (query, opts) => db.execute(query, opts),
    async transaction(fn) {
      await db.transaction(fn);
      throw new DbUnavailableError(new Error('Connection terminated unexpectedly'));
    },
  };
}
