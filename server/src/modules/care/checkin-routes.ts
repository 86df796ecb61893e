import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { districtToday } from '../people/present-person.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskName } from '../personal-data/mask.ts';
import { hashCheckinToken } from './checkin-token.ts';
import { checkIn } from './commands/check-in.ts';
import { findByCheckinHash } from './queries.ts';
import { CheckinBody } from './schemas.ts';

/** Whether a time falls on today in the district (UTC+8). */
const isToday = (at: Date | null) =>
  at !== null && new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) === districtToday();

/**
 * The elder's daily check-in page (no login): the secret of their personal link or QR card, sent in the body
 * (never in a URL, so it stays out of access logs), names the person by its hash. An unknown or withdrawn
 * secret is 404 and nothing else. The answer holds the masked name and whether they checked in today.
 */
export function careCheckinRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  const lookup = async (token: string) => {
    const found = await findByCheckinHash(db, hashCheckinToken(token));
    if (!found) throw notFound();
    return found;
  };
  const answer = (f: { nameEnc: string; lastSeenAt: Date | null }, checkedIn: boolean) => ({
    data: { name: maskName(unseal(cipher, f.nameEnc) ?? ''), checkedInToday: checkedIn },
  });

  app.post<{ Body: typeof CheckinBody.static }>(
    '/api/care/checkin/status',
    {
      schema: {
        tags: ['care'],
        summary: 'The check-in page opened with its secret: whom it greets, checked in today?',
        body: CheckinBody,
      },
    },
    async (req) => {
      const f = await lookup(req.body.token);
      return answer(f, isToday(f.lastSeenAt));
    },
  );

  app.post<{ Body: typeof CheckinBody.static }>(
    '/api/care/checkin',
    { schema: { tags: ['care'], summary: 'The elder checks in (我很好): a sighting', body: CheckinBody } },
    async (req) => {
      const f = await lookup(req.body.token);
      await checkIn(db, f.personId);
      return answer(f, true);
    },
  );
}
