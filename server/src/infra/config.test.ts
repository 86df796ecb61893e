import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'cg-config-'));

describe('configuration', () => {
  it('has working defaults for the embedded mode and keeps a generated secret in the data folder', () => {
    const dir = dataDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, dataDir: dir, demo: true, logLevel: 'info' });
    expect(c).toMatchObject({ dbConnectTimeoutMs: 5_000, dbRetryMs: 1_000 });
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8')).toBe(c.secretKey);
    expect(loadConfig({ DATA_DIR: dir }).secretKey).toBe(c.secretKey);
    expect(c).toMatchObject({ webhookAllowHosts: [], apiTokenDays: 90 });
    const allowed = loadConfig({ DATA_DIR: dir, WEBHOOK_ALLOW_HOSTS: 'hooks.intra, 10.1.0.0/16,[fd00::1]' });
    expect(allowed.webhookAllowHosts).toEqual(['hooks.intra', '10.1.0.0/16', '[fd00::1]']);
  });

  it('reads retired secrets and the personal-data cipher', () => {
    const old = 'x'.repeat(32);
    const c = loadConfig({ DATA_DIR: dataDir(), SECRET_KEY_PREVIOUS: ` ${old} , ${'y'.repeat(40)}` });
    expect(c.previousSecretKeys).toEqual([old, 'y'.repeat(40)]);
    expect(c.personalDataCipher).toBe('aes-256-gcm');
    expect(loadConfig({ DATA_DIR: dataDir(), PERSONAL_DATA_CIPHER: 'SM4' }).personalDataCipher).toBe('sm4');
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT must be an integer/],
    ['PORT', { PORT: '70000' }, /PORT must be an integer between 0 and 65535/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must start with postgres:\/\//],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    ['SECRET_KEY', { SECRET_KEY: 'short' }, /SECRET_KEY must be at least 32 characters/],
    [
      'SECRET_KEY',
      { DATABASE_URL: 'postgres://u@127.0.0.1/db' },
      /SECRET_KEY is required when DATABASE_URL is set/,
    ],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    ['DEMO', { DEMO: 'maybe' }, /DEMO must be true or false/],
    ['TILE_URL', { TILE_URL: 'ftp://tiles' }, /TILE_URL must be an http\(s\) URL template/],
    ['PUBLIC_URL', { PUBLIC_URL: 'civicgrid.local' }, /PUBLIC_URL is not a URL/],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://civicgrid.local' }, /PUBLIC_URL must start with http/],
    ['SESSION_HOURS', { SESSION_HOURS: '0' }, /SESSION_HOURS must be an integer/],
    ['OPEN311_API_KEYS', { OPEN311_API_KEYS: 'short,keys' }, /OPEN311_API_KEYS must be comma-separated keys/],
    ['DB_CONNECT_TIMEOUT_MS', { DB_CONNECT_TIMEOUT_MS: '0' }, /DB_CONNECT_TIMEOUT_MS must be an integer/],
    ['DB_RETRY_MS', { DB_RETRY_MS: 'soon' }, /DB_RETRY_MS must be an integer/],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }, /TRUST_PROXY must be false, true, a hop count or/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY must be/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.1,proxy.local' }, /TRUST_PROXY must be/],
    [
      'AUDIT_RETENTION_DAYS',
      { AUDIT_RETENTION_DAYS: '90' },
      /AUDIT_RETENTION_DAYS must be an integer between 180/,
    ],
    ['WEBHOOK_ALLOW_HOSTS', { WEBHOOK_ALLOW_HOSTS: '10.0.0.0/99' }, /WEBHOOK_ALLOW_HOSTS must list/],
    ['API_TOKEN_DAYS', { API_TOKEN_DAYS: '0' }, /API_TOKEN_DAYS must be an integer/],
    [
      'SECRET_KEY_PREVIOUS',
      { SECRET_KEY_PREVIOUS: 'too-short' },
      /SECRET_KEY_PREVIOUS must be comma-separated/,
    ],
    [
      'PERSONAL_DATA_CIPHER',
      { PERSONAL_DATA_CIPHER: 'des' },
      /PERSONAL_DATA_CIPHER must be aes-256-gcm or sm4/,
    ],
  ])('stops with a message naming %s', (name, env, message) => {
    let err: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(name);
    expect((err as ConfigError).message).toMatch(message);
  });

  it('trusts no proxy unless TRUST_PROXY says which', () => {
    const trust = (v?: string) => loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: v }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('keeps audit rows for good unless AUDIT_RETENTION_DAYS (at least 180) is set', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).auditRetentionDays).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
  });

  it('takes a read replica only beside DATABASE_URL, and metrics settings that make sense', () => {
    const pg = { DATA_DIR: dataDir(), DATABASE_URL: 'postgres://a:b@h/db', SECRET_KEY: 'x'.repeat(32) };
    const c = loadConfig({
      ...pg,
      DATABASE_READ_URL: 'postgres://a:b@standby/db',
      METRICS_LISTEN: '127.0.0.1:9464',
    });
    expect([c.databaseReadUrl, c.readMaxLagMs, c.metricsListen]).toEqual([
      'postgres://a:b@standby/db',
      2000,
      '127.0.0.1:9464',
    ]);
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_READ_URL: 'postgres://a:b@standby/db' })).toThrow(
      /DATABASE_READ_URL needs DATABASE_URL/,
    );
    expect(() => loadConfig({ ...pg, DATABASE_READ_URL: 'mysql://x' })).toThrow(
      /DATABASE_READ_URL must start/,
    );
    expect(() => loadConfig({ ...pg, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ ...pg, METRICS_LISTEN: '9464' })).toThrow(/METRICS_LISTEN must be host:port/);
  });
});
