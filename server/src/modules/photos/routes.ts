import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';

/** Case photos: serving originals to staff and EXIF-free copies and thumbnails to the public. */
export function photoRoutes(_app: FastifyInstance, _db: Db, _config: Config): void {}
