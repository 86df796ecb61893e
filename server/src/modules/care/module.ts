import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { careAlertRoutes } from './alert-routes.ts';
import { careCardRoutes } from './card-routes.ts';
import { careCheckinRoutes } from './checkin-routes.ts';
import { careRosterRoutes } from './roster-routes.ts';
import { careRoutes } from './routes.ts';

/** Every route of the care watch (docs/care.md), registered by app.ts with one line. */
export function careModule(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  careRoutes(app, db, cipher);
  careAlertRoutes(app, db, cipher);
  careCheckinRoutes(app, db, cipher);
  careCardRoutes(app, db, cipher, config);
  careRosterRoutes(app, db);
}
