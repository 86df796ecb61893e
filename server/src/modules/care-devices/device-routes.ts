import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { AppError, invalid } from '../../infra/errors.ts';
import { cipherFromConfig } from '../personal-data/cipher.ts';
import { ingestSightings } from './commands/ingest-sightings.ts';
import { markDeviceAlive } from './commands/mark-device-alive.ts';
import { authenticateDevice, type SigningDevice } from './device-auth.ts';
import { imageDataIn } from './image-check.ts';
import { checkSightingsBody, MAX_BATCH, SightingsBody } from './sightings-body.ts';

const HeartbeatBody = Type.Object(
  { status: Type.Optional(Type.String({ maxLength: 200, description: 'free text the device reports' })) },
  { additionalProperties: false },
);

const raw = new WeakMap<FastifyRequest, Buffer>();
const device = new WeakMap<FastifyRequest, SigningDevice>();

/**
 * The device API (`/api/device/v1/…`, docs/care-devices.md): no login; every call is signed with the
 * device's key (device-auth.ts). The JSON parser of this scope keeps the raw body, since the signature covers
 * the bytes sent; image content types and bodies holding image data are refused before anything is stored.
 */
export function deviceApiRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const cipher = cipherFromConfig(config);
  void app.register(
    async (scope) => {
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
        (req, body, done) => {
          raw.set(req, body as Buffer);
          try {
            done(null, body.length ? JSON.parse(body.toString('utf8')) : {});
          } catch {
            done(invalid([{ field: 'body', message: { zh: '不是有效的 JSON', en: 'not valid JSON' } }]));
          }
        },
      );
      scope.addContentTypeParser(/^image\//, (_req, _payload, done) =>
        done(new AppError('DEVICE_IMAGE_REFUSED', 415)),
      );
      scope.addHook('preValidation', async (req) => {
        device.set(req, await authenticateDevice(db, cipher, req, raw.get(req) ?? ''));
        const at = imageDataIn(req.body);
        if (at) throw new AppError('DEVICE_IMAGE_REFUSED', 422, [{ field: at }]);
      });

      scope.post(
        '/sightings',
        {
          schema: {
            tags: ['care devices'],
            summary: `A signed batch of up to ${MAX_BATCH} sightings {ref, time}; idempotent, unknown references reported per item`,
            body: SightingsBody,
          },
          // the schema documents the body; the handler checks it in one pass (checkSightingsBody), with the
          // schema's refusals, rather than a validator step per item for 500 items on every batch
          validatorCompiler: () => () => true,
        },
        async (req) => {
          const sightings = checkSightingsBody(req.body);
          const result = await ingestSightings(db, device.get(req)!, sightings);
          return { data: result };
        },
      );

      scope.post<{ Body: typeof HeartbeatBody.static }>(
        '/heartbeat',
        {
          schema: {
            tags: ['care devices'],
            summary: 'A signed heartbeat: the device is alive (clears its silent flag)',
            body: HeartbeatBody,
          },
        },
        async (req) => {
          const now = new Date();
          await markDeviceAlive(db, device.get(req)!.id, now);
          return { data: { at: now } };
        },
      );
    },
    { prefix: '/api/device/v1' },
  );
}
