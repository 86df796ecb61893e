import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { raisedLimitEnv } from './limit-config.ts';

const load = (env: Record<string, string>) =>
  loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cg-limits-')), ...env });

describe('limit configuration', () => {
  it('has the documented defaults and reads <count>/<window> values', () => {
    const { limits } = load({
      RATE_LIMIT_INTAKE: '5/30s',
      RATE_LIMIT_LOGIN: '1000/2h',
      PHOTO_UPLOAD_MB: '64',
    });
    expect(limits.rate.intake).toEqual({ count: 5, seconds: 30 });
    expect(limits.rate.login).toEqual({ count: 1000, seconds: 7200 });
    expect(limits.rate.open311_post).toEqual({ count: 120, seconds: 600 });
    expect(limits.login).toEqual({ addressFailures: 5, accountFailures: 10, backoffMaxSeconds: 900 });
    expect(limits.photos).toMatchObject({ queue: 16, uploadBytes: 64 * 1024 * 1024 });
    expect(limits.photos.jobs).toBeGreaterThanOrEqual(1);
  });

  it('raises every request rate for benchmarks and browser tests', () => {
    const { limits } = load(raisedLimitEnv());
    for (const allowance of Object.values(limits.rate))
      expect(allowance).toEqual({ count: 1_000_000, seconds: 1 });
  });

  it.each([
    ['RATE_LIMIT_INTAKE', '20 per minute', /RATE_LIMIT_INTAKE must be <count>\/<window>/],
    ['RATE_LIMIT_CODE_LOOKUP', '0/1m', /RATE_LIMIT_CODE_LOOKUP must be <count>\/<window>/],
    ['RATE_LIMIT_FOLLOW', '10/0s', /RATE_LIMIT_FOLLOW must be <count>\/<window>/],
    ['LOGIN_ADDRESS_FAILURES', '0', /LOGIN_ADDRESS_FAILURES must be an integer between 1 and 100/],
    ['LOGIN_BACKOFF_MAX_SECONDS', 'soon', /LOGIN_BACKOFF_MAX_SECONDS must be an integer/],
    ['PHOTO_JOBS', '0', /PHOTO_JOBS must be an integer between 1 and 64/],
    ['PHOTO_UPLOAD_MB', '1', /PHOTO_UPLOAD_MB must be an integer between 16/],
  ])('stops with a message naming %s', (name, value, message) => {
    let err: unknown;
    try {
      load({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(name);
    expect((err as ConfigError).message).toMatch(message);
  });
});
