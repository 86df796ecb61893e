import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { georeportRoutes } from './georeport-routes.ts';
import { open311KeyRoutes } from './key-routes.ts';

/** The configuration Open311 reads, whether or not Config declares the Open311 settings yet. */
export type Open311Config = Config & { open311ApiKeys?: string[]; open311Jurisdiction?: string | null };

/**
 * Open311 GeoReport v2 at /open311/v2/ (its own error format and form parser, in an encapsulated scope)
 * and the administrators' key management at /api/open311/keys.
 */
export function open311Routes(app: FastifyInstance, db: Db, config: Open311Config): void {
  open311KeyRoutes(app, db);
  void app.register((scope) => georeportRoutes(scope, db, config), { prefix: '/open311/v2' });
}
