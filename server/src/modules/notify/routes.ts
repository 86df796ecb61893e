import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';

/** Notifications: inbox, live SSE stream, webhooks. */
export function notifyRoutes(_app: FastifyInstance, _db: Db): void {}
