import { describe, expect, it } from 'vitest';
import { DbUnavailableError, isDbUnavailable, isPoolWaitTimeout, retryAfterSeconds } from './db-errors.ts';
import { AppError } from './errors.ts';

/** An error shaped as `pg` builds it from a server ErrorResponse (SQLSTATE in `code`). */
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
/** An error shaped as Node's net module builds it. */
const netError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('isDbUnavailable', () => {
  it.each([
    [
      'pg_terminate_backend / a fast shutdown',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['a crash of another backend', pgError('57P02')],
    ['connecting while the server starts or stops', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300')],
    ['a connection exception', pgError('08006')],
    ['the server refusing connections', netError('ECONNREFUSED')],
    ['a reset socket', netError('ECONNRESET')],
    ['a write to a closed socket', netError('EPIPE')],
    ['an unknown host', netError('ENOTFOUND')],
    ['the connection ending mid-query', new Error('Connection terminated unexpectedly')],
    ['the connect timeout', new Error('Connection terminated due to connection timeout')],
    ['no free pooled connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'a client that lost its connection',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['our own refusal while the breaker is open', new DbUnavailableError()],
    ['an AppError saying so', new AppError('DB_UNAVAILABLE', 503)],
    [
      'both addresses of localhost refusing',
      new AggregateError([netError('ECONNREFUSED'), netError('ECONNREFUSED')]),
    ],
    ['a wrapped cause', new Error('write failed', { cause: pgError('57P01') })],
  ])('is true for %s', (_name, err) => {
    expect(isDbUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pgError('42601')],
    ['a serialization failure (retry the transaction, the database is fine)', pgError('40001')],
    ['a protocol violation (a driver bug)', pgError('08P01')],
    ['a wrong password', pgError('28P01')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a refusal of the request', new AppError('VALIDATION_FAILED', 400)],
    ['a file-system error', Object.assign(new Error('no such file'), { code: 'ENOENT' })],
    ['a driver message with an unrelated code', pgError('XX000', 'Connection terminated unexpectedly')],
    ['nothing', undefined],
    ['a string', 'Connection terminated unexpectedly'],
  ])('is false for %s', (_name, err) => {
    expect(isDbUnavailable(err)).toBe(false);
  });

  it('tells a busy pool from an unreachable server', () => {
    expect(isPoolWaitTimeout(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isPoolWaitTimeout(new Error('Connection terminated due to connection timeout'))).toBe(false);
    expect(isPoolWaitTimeout(netError('ECONNREFUSED'))).toBe(false);
  });

  it('says when to retry', () => {
    expect(retryAfterSeconds(new DbUnavailableError(undefined, 4))).toBe(4);
    expect(retryAfterSeconds(pgError('57P01'))).toBe(1);
  });
});
