import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The embedded database is open in another process; the message says which and what to do. */
export class PgliteInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is open in process ${pid} (a running server?). PGlite serves one ` +
        'process at a time: stop the server, run this command, then start the server again. ' +
        `If no such process runs, remove ${dataDir}.pid.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks a PGlite data directory as open by this process (`<dir>.pid` beside it). PGlite's own postmaster.pid
 * holds a made-up pid and outlives a crash, so it cannot tell a running server from a dead one; a second
 * process opening the same files would corrupt them. A pid file of a process that is gone is taken over.
 * Returns the release function.
 */
export function lockPgliteDir(dataDir: string): () => void {
  const file = `${dataDir}.pid`;
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && alive(owner))
      throw new PgliteInUseError(dataDir, owner);
    writeFileSync(file, String(process.pid));
  }
  return () => {
    let owner: number | null = null;
    try {
      owner = Number(readFileSync(file, 'utf8').trim());
    } catch {
      // already gone
    }
    if (owner === process.pid) rmSync(file, { force: true });
  };
}
