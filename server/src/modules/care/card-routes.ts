import type { FastifyInstance } from 'fastify';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import { actorOf } from '../auth/plugin.ts';
import { qrDataUri } from '../door-plates/qr.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskName } from '../personal-data/mask.ts';
import { issueCheckinCard } from './commands/issue-checkin-card.ts';
import { loadWatched } from './load.ts';
import { Id } from './schemas.ts';

/**
 * The elder's printable check-in card: the QR code holds the absolute link (PUBLIC_URL, since a phone scanning a
 * card at home has no other way to know where the platform is) with the secret in the fragment.
 */
export function careCardRoutes(
  app: FastifyInstance,
  db: Db,
  cipher: PersonalDataCipher,
  config: Config,
): void {
  app.post<{ Params: typeof Id.static }>(
    '/api/care/watched/:id/checkin-card',
    {
      schema: {
        tags: ['care'],
        summary:
          'Issue a printable check-in card: a new link secret in a QR code (earlier cards stop working; audited)',
        params: Id,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const w = await loadWatched(db, actor, req.params.id, 'care.enrol');
      // refused before the new secret is made, so a card that cannot be printed voids no card in use
      if (!config.publicUrl) throw new AppError('CHECKIN_CARD_PUBLIC_URL_UNSET', 409);
      const issuedAt = new Date();
      const token = await issueCheckinCard(db, actor, { id: w.personId, code: w.code }, req.ip, issuedAt);
      const url = `${config.publicUrl}/m/checkin#${token}`;
      reply.code(201);
      return {
        data: {
          personId: w.personId,
          name: maskName(unseal(cipher, w.nameEnc) ?? ''),
          gridName: w.gridName,
          thresholdHours: w.thresholdHours,
          issuedAt,
          url,
          qr: qrDataUri(url),
        },
      };
    },
  );
}
