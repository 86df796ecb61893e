import { getCiphers, getHashes, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { loadPhotoStorage, type PhotoStorageSettings } from '../modules/photos/photo-store-config.ts';
import { type LimitSettings, loadLimitSettings } from './limit-config.ts';
import { isAllowListEntry } from './outbound.ts';

/** Settings read from the environment, validated once at start-up. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  /** A streaming standby of DATABASE_URL that read-only requests read from (DATABASE_READ_URL; docs/replicas.md). */
  databaseReadUrl?: string | null;
  /** The standby is skipped while its replay is further behind than this (DATABASE_READ_MAX_LAG_MS). */
  readMaxLagMs?: number;
  dataDir: string;
  secretKey: string;
  /** Retired secrets (SECRET_KEY_PREVIOUS): personal data sealed under them still opens until rotated. */
  previousSecretKeys?: string[];
  /** The cipher that seals personal data (PERSONAL_DATA_CIPHER); the others still open what they sealed. */
  personalDataCipher?: 'aes-256-gcm' | 'sm4';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demo: boolean;
  tileUrl: string | null;
  /** The console's address as people reach it (PUBLIC_URL), for links in webhook messages; null: paths only. */
  publicUrl: string | null;
  sessionHours: number;
  webDist: string;
  /** Open311 keys given at start-up (OPEN311_API_KEYS, comma-separated), besides those in the database. */
  open311ApiKeys: string[];
  /** The jurisdiction_id Open311 answers to (OPEN311_JURISDICTION_ID); null: the first district's code. */
  open311Jurisdiction: string | null;
  /** How long a new PostgreSQL connection, or the wait for a free one, may take (DB_CONNECT_TIMEOUT_MS). */
  dbConnectTimeoutMs: number;
  /** After a failed connection, how long requests are answered 503 at once before one retries (DB_RETRY_MS). */
  dbRetryMs: number;
  /**
   * Which proxies' X-Forwarded-For/-Host/-Proto count (TRUST_PROXY): false (none, the default), true (any),
   * a hop count, or the proxies' addresses/CIDRs. Passed to Fastify's `trustProxy`.
   */
  trustProxy: boolean | number | string[];
  /** Days audit rows are kept before the purge removes them (AUDIT_RETENTION_DAYS, ≥ 180); null: forever. */
  auditRetentionDays: number | null;
  /** Hosts, addresses and CIDR ranges webhooks may reach although not public (WEBHOOK_ALLOW_HOSTS). */
  webhookAllowHosts: string[];
  /** Lifetime (and longest lifetime one may ask for) of a bearer token, in days (API_TOKEN_DAYS). */
  apiTokenDays: number;
  /** The bearer token GET /metrics asks for on the main address (METRICS_TOKEN); null: not served there. */
  metricsToken?: string | null;
  /** A separate host:port serving /metrics alone, without a token (METRICS_LISTEN), e.g. 127.0.0.1:9464. */
  metricsListen?: string | null;
  /** Abuse limits: request rates, login lockout and back-off, photo processing (limit-config.ts). */
  limits: LimitSettings;
  /** Where photo files are kept (PHOTO_STORE, S3_*; photos/photo-store-config.ts); absent: the local folder. */
  photoStorage?: PhotoStorageSettings;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function databaseUrlVar(env: NodeJS.ProcessEnv, name = 'DATABASE_URL'): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a URL (expected postgres://user:pass@host:5432/db)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres:// or postgresql://, got "${url.protocol}"`);
  }
  return raw;
}

function tileUrlVar(env: NodeJS.ProcessEnv): string | null {
  const raw = env.TILE_URL;
  if (raw === undefined || raw === '') return null;
  if (!/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/.test(raw)) {
    throw new ConfigError('TILE_URL', 'must be an http(s) URL template containing {z}, {x} and {y}');
  }
  return raw;
}

function publicUrlVar(env: NodeJS.ProcessEnv): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', 'is not a URL (expected e.g. https://civicgrid.example.gov.cn)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_URL', `must start with http:// or https://, got "${url.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * The secret used for session tokens and personal-data encryption. In embedded mode a random one is created
 * once and kept in the data folder, so `npm start` works without setup and restarts keep data readable.
 */
function secretKeyVar(env: NodeJS.ProcessEnv, dataDir: string, embedded: boolean): string {
  const raw = env.SECRET_KEY;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('SECRET_KEY', 'must be at least 32 characters long');
    return raw;
  }
  if (!embedded) throw new ConfigError('SECRET_KEY', 'is required when DATABASE_URL is set');
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** A comma-separated list of secrets, each at least `min` characters (empty: none). */
function secretListVar(env: NodeJS.ProcessEnv, name: string, min: number, what: string): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (items.some((k) => k.length < min)) {
    throw new ConfigError(name, `must be comma-separated ${what} of at least ${min} characters each`);
  }
  return items;
}

function cipherVar(env: NodeJS.ProcessEnv): 'aes-256-gcm' | 'sm4' {
  const raw = env.PERSONAL_DATA_CIPHER?.trim().toLowerCase() || 'aes-256-gcm';
  if (raw !== 'aes-256-gcm' && raw !== 'sm4') {
    throw new ConfigError('PERSONAL_DATA_CIPHER', `must be aes-256-gcm or sm4, got "${raw}"`);
  }
  if (raw === 'sm4' && !(getCiphers().includes('sm4-ctr') && getHashes().includes('sm3'))) {
    throw new ConfigError('PERSONAL_DATA_CIPHER', 'is sm4, but this Node build has no SM4-CTR or SM3');
  }
  return raw;
}

// proxy-addr's names for address ranges, accepted as they are
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function proxyEntryOk(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: off unless set, because a forwarding header from a client that is not behind the proxy is a
 * lie the server would believe (a forged login address, a forged host in absolute links).
 */
function trustProxyVar(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim().toLowerCase() ?? '';
  if (['', 'false', 'no', 'off', '0'].includes(raw)) return false;
  if (['true', 'yes', 'on'].includes(raw)) return true;
  if (/^\d+$/.test(raw) && Number(raw) <= 100) return Number(raw);
  const list = raw.split(',').map((e) => e.trim());
  if (list.every(proxyEntryOk)) return list;
  throw new ConfigError(
    'TRUST_PROXY',
    `must be false, true, a hop count or comma-separated proxy addresses/CIDRs, got "${env.TRUST_PROXY}"`,
  );
}

/** The shortest retention the law allows for logs of network operations (网络安全法 Art. 21: six months). */
export const AUDIT_MIN_RETENTION_DAYS = 180;

function auditRetentionVar(env: NodeJS.ProcessEnv): number | null {
  if (!env.AUDIT_RETENTION_DAYS?.trim()) return null;
  return intVar(env, 'AUDIT_RETENTION_DAYS', AUDIT_MIN_RETENTION_DAYS, AUDIT_MIN_RETENTION_DAYS, 36_500);
}

function webhookAllowVar(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.WEBHOOK_ALLOW_HOSTS ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isAllowListEntry(e));
  if (bad)
    throw new ConfigError('WEBHOOK_ALLOW_HOSTS', `must list host names, addresses or CIDRs, got "${bad}"`);
  return entries;
}

function metricsListenVar(env: NodeJS.ProcessEnv): string | null {
  const raw = env.METRICS_LISTEN?.trim();
  if (!raw) return null;
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw);
  if (!m || Number(m[2]) > 65535) throw new ConfigError('METRICS_LISTEN', `must be host:port, got "${raw}"`);
  return raw;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = databaseUrlVar(env);
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const host = env.HOST || '0.0.0.0';
  const databaseReadUrl = databaseUrlVar(env, 'DATABASE_READ_URL');
  if (databaseReadUrl && !databaseUrl) throw new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL');
  return {
    port,
    host,
    databaseUrl,
    databaseReadUrl,
    readMaxLagMs: intVar(env, 'DATABASE_READ_MAX_LAG_MS', 2_000, 100, 600_000),
    dataDir,
    logLevel,
    demo: boolVar(env, 'DEMO', true),
    tileUrl: tileUrlVar(env),
    publicUrl: publicUrlVar(env),
    sessionHours: intVar(env, 'SESSION_HOURS', 12, 1, 24 * 90),
    secretKey: secretKeyVar(env, dataDir, databaseUrl === null),
    previousSecretKeys: secretListVar(env, 'SECRET_KEY_PREVIOUS', 32, 'secrets'),
    personalDataCipher: cipherVar(env),
    open311ApiKeys: secretListVar(env, 'OPEN311_API_KEYS', 16, 'keys'),
    open311Jurisdiction: env.OPEN311_JURISDICTION_ID?.trim() || null,
    dbConnectTimeoutMs: intVar(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000),
    dbRetryMs: intVar(env, 'DB_RETRY_MS', 1_000, 100, 60_000),
    trustProxy: trustProxyVar(env),
    auditRetentionDays: auditRetentionVar(env),
    webhookAllowHosts: webhookAllowVar(env),
    apiTokenDays: intVar(env, 'API_TOKEN_DAYS', 90, 1, 3650),
    metricsToken: secretListVar(env, 'METRICS_TOKEN', 16, 'a token')[0] ?? null,
    metricsListen: metricsListenVar(env),
    limits: loadLimitSettings(env, (variable, reason) => new ConfigError(variable, reason)),
    photoStorage: loadPhotoStorage(env, (variable, reason) => new ConfigError(variable, reason)),
    webDist: path.resolve(env.WEB_DIST || path.join(import.meta.dirname, '../../../web/dist')),
  };
}
