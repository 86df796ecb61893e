import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../server/src/infra/db.ts';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every mainstream architecture. */
const MS_PER_TICK = 10;

/** CPU time (user + system) this process has used, in ms. */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Field f (1-based, as in proc(5)) of a /proc/<pid>/stat line, counted after the command name. */
function field(stat: string, f: number): number {
  // the command name (field 2) may hold spaces and parentheses; fields 3.. follow the last ')'
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[f - 3] ?? 0);
}

const stat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8');

/**
 * A reader of the CPU time used by the PostgreSQL server the database runs on — the postmaster, its live
 * processes (backends, WAL writer, checkpointer, autovacuum) and its finished children — from /proc, so CPU
 * per operation can be stated apart from other work on the machine. Null when PostgreSQL is not a local
 * process (PGlite runs inside Node; a remote server's /proc is out of reach).
 */
export async function postgresCpuReader(db: Db): Promise<(() => number) | null> {
  const backend = await one<{ pid: number }>(db, sql`select pg_backend_pid() as pid`).catch(() => null);
  if (!backend) return null;
  try {
    // pg_backend_pid() names a process of this machine only when the server runs here
    if (!readFileSync(`/proc/${backend.pid}/comm`, 'utf8').startsWith('postgres')) return null;
    const postmaster = field(stat(backend.pid), 4);
    return () => {
      const own = stat(postmaster);
      let ticks = field(own, 14) + field(own, 15) + field(own, 16) + field(own, 17);
      const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim();
      for (const pid of children.split(/\s+/).filter(Boolean)) {
        try {
          const s = stat(pid);
          ticks += field(s, 14) + field(s, 15);
        } catch {
          // the process ended between the listing and the read; its time is in the parent's cutime now
        }
      }
      return ticks * MS_PER_TICK;
    };
  } catch {
    return null;
  }
}
