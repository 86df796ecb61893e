import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, assertListArea, scopeCondition } from '../auth/policy.ts';
import { loadPerson } from '../people/load.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { recordReveal } from '../personal-data/commands/record-reveal.ts';
import { unseal } from '../personal-data/fields.ts';
import { RevealBody, type RevealBodyT } from '../personal-data/reveal-body.ts';
import { enrolPerson } from './commands/enrol-person.ts';
import { markSeen } from './commands/mark-seen.ts';
import { reissueCheckinLink, updateWatch } from './commands/update-watch.ts';
import { loadWatched } from './load.ts';
import { presentCandidate, presentContacts, presentWatched } from './present.ts';
import { alertsOfPerson, contactsOf, listCandidates, listWatched, sightingsOf } from './queries.ts';
import { EnrolBody, type EnrolBodyT, Id, ListQuery, SeenBody, WatchPatch } from './schemas.ts';

/** Days of sightings a watched person's page shows. */
const SIGHTING_DAYS = 14;

/** The watch: lists, enrolment from the 独居老人 list, a watched person's page and the one-tap "seen". */
export function careRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/care/watched',
    {
      schema: {
        tags: ['care'],
        summary: 'Watched persons in scope: open alerts first, then longest unseen',
        querystring: ListQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'care.watch', req.query.org);
      const found = await listWatched(
        db,
        scopeCondition(actor, 'care.watch', sql`g.code`),
        req.query.org ?? null,
      );
      return { data: found.map((w) => presentWatched(cipher, w)) };
    },
  );

  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/care/candidates',
    {
      schema: {
        tags: ['care'],
        summary: 'The 独居老人 list of the scope, not watched: where enrolment is offered',
        querystring: ListQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'care.enrol', req.query.org);
      const found = await listCandidates(
        db,
        scopeCondition(actor, 'care.enrol', sql`g.code`),
        req.query.org ?? null,
      );
      return { data: found.map((c) => presentCandidate(cipher, c)) };
    },
  );

  app.post<{ Body: EnrolBodyT }>(
    '/api/care/watched',
    {
      schema: {
        tags: ['care'],
        summary: 'Enrol a person with their consent recorded; returns the check-in link secret once',
        body: EnrolBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const person = await loadPerson(db, actor, req.body.personId);
      assertCan(actor, 'care.enrol', person.code);
      const { checkinToken } = await enrolPerson(db, actor, person, req.body, cipher, req.ip);
      reply.code(201);
      return { data: { personId: person.id, checkinToken } };
    },
  );

  app.get<{ Params: typeof Id.static }>(
    '/api/care/watched/:id',
    {
      schema: {
        tags: ['care'],
        summary: 'A watched person: consent, contacts masked, sightings (each view audited), alerts',
        params: Id,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const w = await loadWatched(db, actor, req.params.id, 'care.watch');
      const since = new Date(Date.now() - SIGHTING_DAYS * 86_400_000);
      // presence data is sensitive: every view of someone's sightings leaves an audit row
      await writeAudit(db, {
        actorId: actor.userId,
        action: 'care.sightings.view',
        entity: 'person',
        entityId: w.personId,
        scopeCode: w.code,
        after: { days: SIGHTING_DAYS },
        ip: req.ip,
      });
      return {
        data: {
          ...presentWatched(cipher, w),
          consent: { by: w.consentBy, basis: w.consentBasis, at: w.consentAt },
          contacts: presentContacts(cipher, await contactsOf(db, w.personId)),
          sightings: await sightingsOf(db, w.personId, since),
          alerts: await alertsOfPerson(db, w.personId),
        },
      };
    },
  );

  app.patch<{ Params: typeof Id.static; Body: typeof WatchPatch.static }>(
    '/api/care/watched/:id',
    {
      schema: {
        tags: ['care'],
        summary: 'Change the threshold or status (away/hospital until pauses), or end the watch',
        params: Id,
        body: WatchPatch,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const w = await loadWatched(db, actor, req.params.id, 'care.enrol');
      await updateWatch(db, actor, { id: w.personId, code: w.code }, req.body, req.ip);
      return { data: presentWatched(cipher, await loadWatched(db, actor, w.personId, 'care.watch')) };
    },
  );

  app.post<{ Params: typeof Id.static; Body: typeof SeenBody.static }>(
    '/api/care/watched/:id/seen',
    {
      schema: {
        tags: ['care'],
        summary: 'One tap: seen in person (见到了) or by phone (已电话联系)',
        params: Id,
        body: SeenBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const w = await loadWatched(db, actor, req.params.id, 'care.watch');
      await markSeen(db, actor, { id: w.personId, code: w.code }, req.body.how, req.ip);
      return { data: presentWatched(cipher, await loadWatched(db, actor, w.personId, 'care.watch')) };
    },
  );

  app.post<{ Params: typeof Id.static }>(
    '/api/care/watched/:id/checkin-link',
    {
      schema: {
        tags: ['care'],
        summary: 'A new secret for the elder’s check-in link (the old one stops working)',
        params: Id,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const w = await loadWatched(db, actor, req.params.id, 'care.enrol');
      return {
        data: {
          personId: w.personId,
          checkinToken: await reissueCheckinLink(db, actor, { id: w.personId, code: w.code }, req.ip),
        },
      };
    },
  );

  app.post<{ Params: typeof Id.static; Body: RevealBodyT }>(
    '/api/care/watched/:id/contacts/reveal',
    {
      schema: {
        tags: ['care', 'personal data'],
        summary: 'Reveal the emergency contacts with a reason (audited)',
        params: Id,
        body: RevealBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const w = await loadWatched(db, actor, req.params.id, 'care.watch');
      assertCan(actor, 'personal.reveal', w.code);
      const contacts = await contactsOf(db, w.personId);
      await recordReveal(db, {
        actorId: actor.userId,
        ip: req.ip,
        entity: 'person',
        entityId: w.personId,
        scopeCode: w.code,
        subject: 'emergency_contact',
        fields: ['name', 'phone'],
        reason: req.body.reason.trim(),
        via: 'scope',
      });
      return {
        data: contacts.map((c) => ({
          relation: c.relation,
          name: unseal(cipher, c.nameEnc),
          phone: unseal(cipher, c.phoneEnc),
        })),
      };
    },
  );
}
