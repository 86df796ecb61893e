import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../e2e/harness.ts';

const run = promisify(execFile);

/** PostgreSQL 15's programs (Debian's path; PG_BIN overrides it on other machines). */
const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'postgres';

/** A throwaway PostgreSQL cluster on 127.0.0.1 that the tests may stop, start and cut connections of. */
export interface PgCluster {
  port: number;
  /** A postgres:// URL for a database of this cluster (superuser; the server creates PostGIS itself). */
  url(database: string): string;
  /** Runs one statement as the superuser on the given database and returns its rows. */
  query<T = Record<string, unknown>>(database: string, text: string, values?: unknown[]): Promise<T[]>;
  /** Creates an empty database with PostGIS. */
  createDatabase(name: string): Promise<void>;
  /** `pg_ctl stop -m fast`: what a restart or a package upgrade does; every connection is ended. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and removes its folder. */
  destroy(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Runs a PostgreSQL program as the postgres OS user when we are root (the server refuses to run as root;
 * CI runs as root), as ourselves otherwise; from / so that the postgres user can read the working directory.
 */
function pgCommand(program: string, args: string[]): [string, string[]] {
  const bin = path.join(PG_BIN, program);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}
const asPg = (program: string, args: string[]) => run(...pgCommand(program, args), { cwd: '/' });

/**
 * initdb into a new temporary folder and start the server on a free port of 127.0.0.1 only, with durability
 * off (throwaway data). Password authentication over TCP, as a deployment would have it.
 */
export async function startCluster(): Promise<PgCluster> {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed at ${PG_BIN} (set PG_BIN): the resilience tests need it`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'civicgrid-resilience-pg-'));
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'socket');
  const log = path.join(dir, 'server.log');
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const pwfile = path.join(dir, 'pwfile');
  mkdirSync(socket);
  writeFileSync(pwfile, password);
  if (isRoot()) {
    for (const p of [dir, socket, pwfile]) chownSync(p, uidOf('postgres'), gidOf('postgres'));
  }
  await asPg('initdb', [
    '-D',
    data,
    '-U',
    SUPERUSER,
    `--pwfile=${pwfile}`,
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
  ]);
  const port = await freePort();
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${socket}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  let running = false;
  const start = async () => {
    await asPg('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start', '-o', options]);
    running = true;
  };
  const stop = async () => {
    running = false;
    await asPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  const url = (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const query = async <T>(database: string, text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  // a test process that dies without its teardown must not leave a server running
  const onExit = () => {
    if (!running) return;
    try {
      execFileSync(...pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']), { cwd: '/' });
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  await start();
  return {
    port,
    url,
    query,
    async createDatabase(name) {
      await query('postgres', `create database ${name}`);
      await query(name, 'create extension postgis');
    },
    stop,
    start,
    async destroy() {
      process.off('exit', onExit);
      if (running) await asPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}
const uidOf = (user: string) => idOf('-u', user);
const gidOf = (user: string) => idOf('-g', user);
