import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';

/** Cases: intake from every source, the workflow transitions and their abilities. */
export function caseRoutes(_app: FastifyInstance, _db: Db, _config: Config): void {}
