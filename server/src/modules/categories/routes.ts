import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';

/** Case taxonomy: list, edit (admins), answers validation. */
export function categoryRoutes(_app: FastifyInstance, _db: Db): void {}
