import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';

/** District calendar: holidays, 调休 make-up days, overrides, working hours. */
export function calendarRoutes(_app: FastifyInstance, _db: Db): void {}
