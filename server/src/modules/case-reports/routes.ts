import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';

/** Finding cases: list/search, map GeoJSON, KPIs, Excel ledger. */
export function caseReportRoutes(_app: FastifyInstance, _db: Db): void {}
