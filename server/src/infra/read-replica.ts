import { AsyncLocalStorage } from 'node:async_hooks';
import { type SQL, sql } from 'drizzle-orm';
import {
  type Database,
  type Db,
  type DbLog,
  one,
  openPostgres,
  type PoolUsage,
  type QueryOptions,
} from './db.ts';
import { isDbUnavailable } from './db-errors.ts';

/**
 * Read replicas (DATABASE_READ_URL): a read-only request's statements outside transactions go to a streaming
 * standby while it is fresh; everything else goes to the primary. The rules, in full (docs/replicas.md):
 *
 * - Only requests with a safe method (GET, HEAD, OPTIONS) may read from the replica, and only statements run outside a
 *   transaction: commands open transactions, so they and whatever follows them in the request use the primary.
 * - The replica is used while its lag is at most DATABASE_READ_MAX_LAG_MS. Lag is measured, not guessed: a
 *   probe records the primary's flushed WAL position with the time, and the lag is how long ago the primary
 *   was at the position the standby has replayed (0 when it has replayed everything).
 * - Read-your-own-writes: after a request that may have written (any other method) the session carries the
 *   primary's WAL insert position of that moment (a cookie, and the process remembers it per credential); its
 *   reads stay on the primary until the standby has replayed that position, or until more than the maximum
 *   lag has passed since (then the lag rule alone guarantees the write is on any replica still in use).
 * - A replica that is down, not a standby, or refuses a statement (a write on a read-only session, a query
 *   cancelled by recovery) is skipped: the statement runs on the primary instead.
 */
export interface ReadRouting {
  /** the handle route modules get: reads follow the rules above, everything else is the primary */
  db: Db;
  /** where the standby stands, as the last probe saw it */
  state(): ReplicaState;
  /** measures the replica's lag now (also runs every probe interval on its own) */
  probe(): Promise<void>;
  /** the primary's current WAL insert position, for the read-your-own-write mark of a writing request */
  writeMark(): Promise<WriteMark | null>;
  /** what the replica served and why reads fell back, for /metrics */
  counters: ReadCounters;
  /** the replica pool's connections now, for /metrics */
  pool(): PoolUsage | undefined;
  close(): Promise<void>;
}

/** Where the standby stands, as the last probe saw it. */
export interface ReplicaState {
  state: 'fresh' | 'lagging' | 'down' | 'not-standby' | 'unknown';
  /** how far behind the primary the standby's replay is, in milliseconds (null: not measured) */
  lagMs: number | null;
  replayLsn: bigint | null;
  checkedAt: number | null;
}

/** A session's last write: the primary's WAL position then, and when (ms since the epoch). */
export interface WriteMark {
  lsn: bigint;
  at: number;
}

export interface ReadCounters {
  replica: number;
  primary: number;
  fallback: Record<'down' | 'lagging' | 'refused' | 'own-write', number>;
}

/** What one request may do: set by the request hook (read-replica-hooks.ts), read by the routed handle. */
export interface ReadContext {
  /** false once the request is not read-only or has opened a transaction */
  replica: boolean;
  /** the session's last write, which the replica must have replayed before serving it */
  mark: WriteMark | null;
}

const contexts = new AsyncLocalStorage<ReadContext>();

/** Runs fn (the rest of a request) with its read context; statements outside any context use the primary. */
export function withReadContext(ctx: ReadContext, fn: () => void): void {
  contexts.run(ctx, fn);
}

/** '16/B374D848' → a number that orders like the WAL position. */
export function parseLsn(text: string): bigint {
  const [hi = '0', lo = '0'] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/** The inverse of parseLsn. */
export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

// a write on the read-only replica session (25006), or a query the standby cancelled to replay WAL (40001)
const REFUSED = new Set(['25006', '40001']);
const refused = (err: unknown) =>
  typeof err === 'object' && err !== null && REFUSED.has(String((err as { code?: unknown }).code));

export interface ReplicaOptions {
  /** DATABASE_READ_MAX_LAG_MS */
  maxLagMs: number;
  /** how often the lag is measured; a quarter of the maximum lag, at most a second, by default */
  probeMs?: number;
  log: DbLog;
}

/** Puts the routing in front of a primary and a replica (both already open); starts the lag probe. */
export function readRouting(primary: Database, replica: Database, opts: ReplicaOptions): ReadRouting {
  const probeMs = opts.probeMs ?? Math.max(50, Math.min(1_000, Math.floor(opts.maxLagMs / 4)));
  let current: ReplicaState = { state: 'unknown', lagMs: null, replayLsn: null, checkedAt: null };
  // (time, primary flushed position) samples, newest last, kept for twice the maximum lag
  const samples: { t: number; lsn: bigint }[] = [];
  const counters: ReadCounters = {
    replica: 0,
    primary: 0,
    fallback: { down: 0, lagging: 0, refused: 0, 'own-write': 0 },
  };

  async function measure(): Promise<ReplicaState> {
    const now = Date.now();
    const p = await one<{ lsn: string }>(primary.db, sql`select pg_current_wal_flush_lsn()::text as lsn`);
    const primaryLsn = parseLsn(p!.lsn);
    samples.push({ t: now, lsn: primaryLsn });
    while (samples.length > 1 && samples[0]!.t < now - 2 * opts.maxLagMs - probeMs) samples.shift();
    let r: { standby: boolean; lsn: string | null } | null;
    try {
      r = await one(
        replica.db,
        sql`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn`,
      );
    } catch {
      return { state: 'down', lagMs: null, replayLsn: null, checkedAt: now };
    }
    if (!r?.standby || !r.lsn) return { state: 'not-standby', lagMs: null, replayLsn: null, checkedAt: now };
    const replayLsn = parseLsn(r.lsn);
    if (replayLsn >= primaryLsn) return { state: 'fresh', lagMs: 0, replayLsn, checkedAt: now };
    const reached = samples.findLast((s) => s.lsn <= replayLsn);
    // behind every position seen: at least as old as the oldest sample, and not to be trusted
    const lagMs = reached ? now - reached.t : now - samples[0]!.t;
    const fresh = reached !== undefined && lagMs <= opts.maxLagMs;
    return { state: fresh ? 'fresh' : 'lagging', lagMs, replayLsn, checkedAt: now };
  }

  let warned = '';
  async function probe(): Promise<void> {
    try {
      current = await measure();
    } catch {
      // the primary cannot be measured: the replica's lag is unknown, so it is not used
      current = { state: 'unknown', lagMs: null, replayLsn: null, checkedAt: Date.now() };
    }
    if (current.state !== 'fresh' && current.state !== warned) {
      opts.log.warn(
        { replica: current.state, lagMs: current.lagMs },
        'read replica not used: reads go to the primary',
      );
    }
    warned = current.state === 'fresh' ? '' : current.state;
  }
  const timer = setInterval(() => void probe(), probeMs);
  timer.unref();

  /** Why ctx may not read from the replica now, or null when it may. */
  function refusal(ctx: ReadContext): keyof ReadCounters['fallback'] | null {
    const s = current;
    const seenRecently =
      s.checkedAt !== null && Date.now() - s.checkedAt <= Math.max(3 * probeMs, opts.maxLagMs);
    if (s.state === 'down' || s.state === 'not-standby' || replica.health().state === 'down') return 'down';
    if (s.state !== 'fresh' || !seenRecently) return 'lagging';
    const mark = ctx.mark;
    if (mark && s.replayLsn! < mark.lsn && Date.now() - mark.at <= opts.maxLagMs + probeMs)
      return 'own-write';
    return null;
  }

  async function onPrimary<T>(query: SQL, o: QueryOptions | undefined) {
    counters.primary++;
    return primary.db.execute<T>(query, o);
  }

  const db: Db = {
    async execute<T>(query: SQL, o?: QueryOptions) {
      const ctx = contexts.getStore();
      if (!ctx?.replica) return onPrimary<T>(query, o);
      const why = refusal(ctx);
      if (why) {
        counters.fallback[why]++;
        return onPrimary<T>(query, o);
      }
      try {
        const out = await replica.db.execute<T>(query, o);
        counters.replica++;
        return out;
      } catch (err) {
        if (refused(err)) {
          // a statement that writes: it and the rest of the request belong on the primary
          ctx.replica = false;
          counters.fallback.refused++;
          return onPrimary<T>(query, o);
        }
        if (!isDbUnavailable(err)) throw err;
        current = { ...current, state: 'down' };
        counters.fallback.down++;
        return onPrimary<T>(query, o);
      }
    },
    transaction(fn) {
      const ctx = contexts.getStore();
      if (ctx) ctx.replica = false;
      return primary.db.transaction(fn);
    },
  };

  return {
    db,
    state: () => current,
    probe,
    counters,
    pool: () => replica.pool?.(),
    async writeMark() {
      const row = await one<{ lsn: string }>(
        primary.db,
        sql`select pg_current_wal_insert_lsn()::text as lsn`,
      ).catch(() => null);
      return row ? { lsn: parseLsn(row.lsn), at: Date.now() } : null;
    },
    async close() {
      clearInterval(timer);
      await replica.close();
    },
  };
}

/**
 * Opens the replica at readUrl beside an open primary and returns the primary with `reads` set. The replica's
 * sessions are read-only (default_transaction_read_only), so a statement that writes can never land on a
 * promoted or misconfigured replica: it is refused there and runs on the primary. The server starts even
 * when the replica is down; reads use the primary until it answers.
 */
export async function withReadReplica(
  primary: Database,
  readUrl: string,
  opts: ReplicaOptions & { connectTimeoutMs?: number; retryMs?: number; max?: number },
): Promise<Database> {
  const replica = await openPostgres(readUrl, opts.max ?? 10, {
    connectTimeoutMs: opts.connectTimeoutMs,
    retryMs: opts.retryMs,
    log: opts.log,
    check: false,
    sessionOptions: '-c default_transaction_read_only=on',
  });
  const reads = readRouting(primary, replica, opts);
  await reads.probe();
  return {
    ...primary,
    reads,
    async close() {
      await reads.close();
      await primary.close();
    },
  };
}
