/**
 * Which failures mean "the database cannot be reached right now" rather than "this statement is wrong".
 * Those are answered 503 DB_UNAVAILABLE (the caller may retry), trip the circuit breaker (db-breaker.ts) and
 * are survived by sweeps and pollers; everything else keeps its own meaning (a 4xx, or a logged 500).
 */

/**
 * SQLSTATEs of an unreachable or unwilling server: connection exceptions (08, except a protocol violation,
 * which is a bug), shutdown and start-up (57P01 admin shutdown, also what pg_terminate_backend sends; 57P02
 * crash shutdown; 57P03 cannot connect now) and insufficient resources (53: too many connections, disk full).
 */
function isUnavailableSqlState(code: string): boolean {
  if (code === '08P01') return false;
  return code.startsWith('08') || code.startsWith('53') || ['57P01', '57P02', '57P03'].includes(code);
}

/** Socket-level failures from Node's net/dns modules while connecting or talking to the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What `pg` and `pg-pool` say, without a code, when a connection ends, cannot be made or is unusable. */
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|Query read timeout)/;

/** The pool had no free connection in time: the database may be slow rather than gone. */
export function isPoolWaitTimeout(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('timeout exceeded when trying to connect');
}

/**
 * A request refused because the database is unreachable: thrown by the database layer instead of the
 * driver's error (kept as `cause`) so routes, sweeps and the error handlers see one type.
 */
export class DbUnavailableError extends Error {
  readonly code = 'DB_UNAVAILABLE';
  constructor(
    cause?: unknown,
    /** when a retry makes sense, for the Retry-After header */
    readonly retryAfterSeconds = 1,
  ) {
    super('database unavailable', { cause });
  }
}

/**
 * True when err (or what it wraps: `cause`, an AggregateError's errors) says the database cannot be reached
 * or has dropped the connection. A unique violation, a syntax error or a programming error is false.
 */
export function isDbUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof DbUnavailableError) return true;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') {
    if (e.code === 'DB_UNAVAILABLE' || NETWORK_CODES.has(e.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(e.code)) return isUnavailableSqlState(e.code);
  }
  if (typeof e.message === 'string' && e.code === undefined && DRIVER_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDbUnavailable(x, depth + 1))) return true;
  return e.cause !== undefined && isDbUnavailable(e.cause, depth + 1);
}

/** Seconds a client should wait before retrying after err (the Retry-After header of a 503). */
export function retryAfterSeconds(err: unknown): number {
  return err instanceof DbUnavailableError ? err.retryAfterSeconds : 1;
}
