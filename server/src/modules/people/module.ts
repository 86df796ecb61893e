import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { householdRoutes } from './household-routes.ts';
import { peopleImportRoutes } from './import-routes.ts';
import { peopleRevealRoutes } from './reveal-routes.ts';
import { peopleRoutes } from './routes.ts';
import { peopleTagRoutes } from './tag-routes.ts';

/** Every route of the people archive (docs/people.md), registered by app.ts with one line. */
export function peopleModule(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  peopleRoutes(app, db, cipher);
  peopleRevealRoutes(app, db, cipher);
  householdRoutes(app, db, cipher);
  peopleTagRoutes(app, db);
  // its own scope: the .xlsx body parser applies to the import upload only
  app.register(async (scope) => peopleImportRoutes(scope, db, cipher));
}
