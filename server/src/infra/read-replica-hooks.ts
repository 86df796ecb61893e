import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatLsn, parseLsn, type ReadRouting, type WriteMark, withReadContext } from './read-replica.ts';

/** The cookie that carries a browser session's last write across server processes (read-replica.ts). */
export const WRITE_MARK_COOKIE = 'cg_rw';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MARK = /^([0-9A-F]{1,8}\/[0-9A-F]{1,8})\.(\d{1,15})$/i;
// per-process memory of writes by credential, for API clients that send no cookies; bounded
const MAX_REMEMBERED = 10_000;

/** Parses a cg_rw cookie value ('LSN.ms'); anything else is no mark. */
export function parseWriteMark(value: string | undefined): WriteMark | null {
  const m = value ? MARK.exec(value) : null;
  return m ? { lsn: parseLsn(m[1]!), at: Number(m[2]) } : null;
}

const later = (a: WriteMark | null, b: WriteMark | null) => (!a ? b : !b ? a : a.lsn >= b.lsn ? a : b);

/** Whom a request speaks for: its bearer token or session cookie, hashed; null for anonymous callers. */
function credential(req: FastifyRequest): string | null {
  const raw = req.headers.authorization ?? req.cookies.cg_session;
  return raw ? createHash('sha256').update(raw).digest('base64url') : null;
}

/**
 * Gives every request its read context: read-only methods (GET, HEAD, OPTIONS) may use the replica unless the session's last write
 * is not replayed there yet; after any other request the session gets a new write mark (cookie + memory).
 * A forged mark can only send its own sender's reads to the primary, which is what happens without a replica.
 */
export function registerReadRouting(app: FastifyInstance, reads: ReadRouting, maxLagMs: number): void {
  const remembered = new Map<string, WriteMark>();
  app.addHook('onRequest', (req, _reply, done) => {
    const key = credential(req);
    const mark = later(
      parseWriteMark(req.cookies[WRITE_MARK_COOKIE]),
      key ? (remembered.get(key) ?? null) : null,
    );
    withReadContext({ replica: SAFE_METHODS.has(req.method), mark }, done);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (SAFE_METHODS.has(req.method)) return payload;
    const mark = await reads.writeMark();
    if (!mark) return payload;
    reply.setCookie(WRITE_MARK_COOKIE, `${formatLsn(mark.lsn)}.${mark.at}`, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      maxAge: Math.ceil(maxLagMs / 1000) + 2,
    });
    const key = credential(req);
    if (key) {
      remembered.delete(key);
      remembered.set(key, mark);
      if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    }
    return payload;
  });
}
