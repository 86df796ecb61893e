import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { activityPhotoRoutes } from './activity-photo-routes.ts';
import { activityRoutes } from './activity-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { pointsRoutes } from './points-routes.ts';
import { volunteerRoutes } from './routes.ts';

/** Every route of the volunteers module (docs/volunteers.md), registered by app.ts with one line. */
export function volunteersModule(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  volunteerRoutes(app, db, cipher);
  activityRoutes(app, db, cipher, config);
  activityPhotoRoutes(app, db, config);
  pointsRoutes(app, db, cipher);
  exportRoutes(app, db, cipher);
}
