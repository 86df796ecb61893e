import { DbUnavailableError, isDbUnavailable, isPoolWaitTimeout } from './db-errors.ts';

/** Where the database layer writes what happens to its connections (a pino logger fits). */
export interface DbLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The database's availability as the server last saw it (GET /healthz reports it). */
export interface DbHealth {
  state: 'up' | 'down';
  /** when the database was found unreachable; null while it is up */
  downSince: Date | null;
  /** the last time a connection could not be made or was dropped; null if never */
  lastErrorAt: Date | null;
}

/**
 * A circuit breaker in front of the pool. When a new connection cannot be made, the database is "down": for
 * `retryMs` every request is refused at once (503) instead of each waiting for its own connection attempt,
 * which could take the whole connect timeout when packets are dropped and would pile up hundreds of waiting
 * requests. After that one request is let through as a probe; its connection decides: made → up again,
 * failed → refused for another `retryMs`. A connection dropped while in use does not trip it: the next
 * connection may well work (pg_terminate_backend, a failover), and only a failed connect says otherwise.
 */
export class DbBreaker {
  private openUntil = 0;
  private probing = false;
  private state: DbHealth = { state: 'up', downSince: null, lastErrorAt: null };
  private readonly now: () => number;

  constructor(private readonly opts: { retryMs: number; log: DbLog; now?: () => number }) {
    this.now = opts.now ?? Date.now;
  }

  /** The current availability (a copy). */
  health(): DbHealth {
    return { ...this.state };
  }

  /**
   * Called before taking a connection. Throws DbUnavailableError while the database is known to be down;
   * returns true when this caller is the one probe allowed through (it must report back through
   * connected or connectFailed).
   */
  admit(): boolean {
    if (this.state.state === 'up') return false;
    const wait = this.openUntil - this.now();
    if (wait > 0 || this.probing)
      throw new DbUnavailableError(undefined, Math.max(1, Math.ceil(wait / 1000)));
    this.probing = true;
    return true;
  }

  /** A connection was made: the database is reachable. */
  connected(probe: boolean): void {
    if (probe) this.probing = false;
    if (this.state.state === 'up') return;
    const downForMs = this.now() - (this.state.downSince?.getTime() ?? this.now());
    this.state = { state: 'up', downSince: null, lastErrorAt: this.state.lastErrorAt };
    // as loud as a lost connection, so that a log filtered at warn shows both ends of an outage
    this.opts.log.warn({ downForMs }, 'database reachable again');
  }

  /**
   * A connection could not be made. Returns the error to throw: DbUnavailableError for an availability
   * failure (which opens the breaker, unless the pool was merely busy), the driver's error otherwise (a wrong
   * password is a configuration error, not an outage).
   */
  connectFailed(err: unknown, probe: boolean): unknown {
    if (probe) this.probing = false;
    if (!isDbUnavailable(err)) return err;
    this.noteError();
    if (probe || !isPoolWaitTimeout(err)) this.trip(err);
    return new DbUnavailableError(err, Math.max(1, Math.ceil(this.opts.retryMs / 1000)));
  }

  /** A connection broke while idle or in use: remembered for /healthz, but not a reason to refuse requests. */
  dropped(): void {
    this.noteError();
  }

  private noteError(): void {
    this.state.lastErrorAt = new Date(this.now());
  }

  private trip(err: unknown): void {
    this.openUntil = this.now() + this.opts.retryMs;
    if (this.state.state === 'down') return;
    this.state = { state: 'down', downSince: new Date(this.now()), lastErrorAt: this.state.lastErrorAt };
    this.opts.log.error(
      { err, retryMs: this.opts.retryMs },
      'database unreachable: requests are answered 503 DB_UNAVAILABLE until a connection succeeds',
    );
  }
}
