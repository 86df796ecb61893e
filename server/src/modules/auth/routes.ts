import { ACTIONS } from '@civicgrid/shared';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { servesHttps } from '../../infra/public-url.ts';
import { logIn } from './commands/log-in.ts';
import { actorOf, SESSION_COOKIE } from './plugin.ts';
import { scopesFor } from './policy.ts';
import { tokenRoutes } from './token-routes.ts';

const Credentials = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

/** Login, logout, the caller's profile and API tokens (token-routes.ts). */
export function authRoutes(app: FastifyInstance, db: Db, config: Config): void {
  app.post<{ Body: typeof Credentials.static }>(
    '/api/auth/login',
    { schema: { tags: ['auth'], summary: 'Log in with a session cookie', body: Credentials } },
    async (req, reply) => {
      const { token, expiresAt } = await logIn(db, config.limits.login, {
        ...req.body,
        ip: req.ip,
        kind: 'cookie',
        hours: config.sessionHours,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        // Secure when people reach the console over https: PUBLIC_URL says so, or the request came over https
        // (the scheme a trusted proxy forwarded); never on plain http, where the browser would drop it
        secure: servesHttps(config) || 'auto',
        expires: expiresAt,
      });
      return { data: { ok: true } };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session' } },
    async (req, reply) => {
      const actor = req.actorOrNull;
      if (actor) await db.execute(sql`update sessions set revoked_at = now() where id = ${actor.sessionId}`);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { data: { ok: true } };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The logged-in user and grants' } },
    async (req) => {
      const actor = actorOf(req);
      const can = Object.fromEntries(ACTIONS.map((a) => [a, scopesFor(actor, a).length > 0]));
      return {
        data: {
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          locale: actor.locale,
          grants: actor.grants,
          can,
        },
      };
    },
  );

  tokenRoutes(app, db, config);
}
