import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashToken } from '../../infra/crypto.ts';
import type { Db } from '../../infra/db.ts';
import { type Actor, loadActor } from './actor.ts';
import { noteTokenUse } from './commands/note-token-use.ts';
import { requireActor } from './policy.ts';

export const SESSION_COOKIE = 'cg_session';

declare module 'fastify' {
  interface FastifyRequest {
    actorOrNull: Actor | null;
  }
}

/** The token a request carries: a bearer header for API clients, otherwise the session cookie. */
function tokenOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return req.cookies[SESSION_COOKIE] ?? null;
}

/** Resolves the caller on every request; routes call `actorOf(req)` to require one. */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actorOrNull', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = tokenOf(req);
    req.actorOrNull = token ? await loadActor(db, hashToken(token)) : null;
    if (req.actorOrNull?.sessionKind === 'api') {
      noteTokenUse(db, req.actorOrNull.sessionId).catch((err: unknown) =>
        req.log.warn({ err }, 'could not record token use'),
      );
    }
  });
}

/** The logged-in caller, or a 401. */
export function actorOf(req: FastifyRequest): Actor {
  return requireActor(req.actorOrNull);
}
