import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/plugin.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { type OutcomeInput, recordOutcome } from './commands/record-outcome.ts';
import { loadAlert, loadWatched } from './load.ts';
import { presentWatched } from './present.ts';
import { sightingsOf, stepsOf } from './queries.ts';
import { Id, OutcomeBody } from './schemas.ts';

/** A care alert: its escalation timeline and sightings since the lapse began; and its outcome. */
export function careAlertRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.get<{ Params: typeof Id.static }>(
    '/api/care/alerts/:id',
    {
      schema: {
        tags: ['care'],
        summary: 'A care alert (by case id): the person, the timeline, sightings since the lapse began',
        params: Id,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const a = await loadAlert(db, actor, req.params.id);
      const w = await loadWatched(db, actor, a.personId, 'care.watch');
      await writeAudit(db, {
        actorId: actor.userId,
        action: 'care.sightings.view',
        entity: 'person',
        entityId: a.personId,
        scopeCode: w.code,
        after: { alert: a.caseId },
        ip: req.ip,
      });
      const sightings = await sightingsOf(db, a.personId, a.lapseFrom);
      return {
        data: {
          caseId: a.caseId,
          trackingCode: a.trackingCode,
          person: presentWatched(cipher, w),
          lapseFrom: a.lapseFrom,
          dueAt: a.dueAt,
          lastSeenAt: a.lastSeenAt,
          raisedAt: a.raisedAt,
          level: a.level,
          actedAt: a.actedAt,
          outcome: a.outcome,
          outcomeNote: a.outcomeNote,
          closedAt: a.closedAt,
          assigneeName: a.assigneeName,
          // a sighting after the alert was raised shows on it: the elder was seen since
          seenSince: sightings.find((s) => s.seenAt > a.raisedAt) ?? null,
          sightings,
          timeline: await stepsOf(db, a.caseId),
        },
      };
    },
  );

  app.post<{ Params: typeof Id.static; Body: OutcomeInput }>(
    '/api/care/alerts/:id/outcome',
    {
      schema: {
        tags: ['care'],
        summary: 'Record the outcome (safe, away, hospital, emergency, deceased) and close the alert',
        params: Id,
        body: OutcomeBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const a = await loadAlert(db, actor, req.params.id);
      await recordOutcome(
        db,
        actor,
        { caseId: a.caseId, personId: a.personId, orgCode: a.orgCode },
        req.body,
        req.ip,
      );
      return { data: { caseId: a.caseId, outcome: req.body.outcome } };
    },
  );
}
