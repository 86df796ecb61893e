import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { recordReveal } from '../personal-data/commands/record-reveal.ts';
import { RevealBody } from '../personal-data/reveal-body.ts';
import { monthPeriod } from './board-queries.ts';
import { serviceDisposition, serviceWorkbook } from './export.ts';
import { BoardQuery } from './schemas.ts';

const TAGS = ['volunteers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ClearExport = Type.Object(
  {
    org: BoardQuery.properties.org,
    from: BoardQuery.properties.from,
    to: BoardQuery.properties.to,
    reason: RevealBody.properties.reason,
  },
  { additionalProperties: false },
);

/**
 * The .xlsx of verified service hours in the national system's columns (docs/volunteers.md): masked for
 * anyone reading the area's volunteers, in clear for those who may reveal personal data there, with a reason
 * kept in the audit log, as the archive's clear export does.
 */
export function exportRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.get<{ Querystring: typeof BoardQuery.static }>(
    '/api/volunteers/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary:
          'Verified service hours as .xlsx in the national system’s columns (names, ID numbers masked)',
        querystring: BoardQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'volunteer.read', req.query.org);
      const period = monthPeriod(req.query.from, req.query.to);
      const { bytes } = await serviceWorkbook(db, cipher, req.query.org, period);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', serviceDisposition())
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  app.post<{ Body: typeof ClearExport.static }>(
    '/api/volunteers/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary:
          'Verified service hours as .xlsx with names and ID numbers in clear, with a reason (audited)',
        body: ClearExport,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertCan(actor, 'volunteer.read', req.body.org);
      assertCan(actor, 'personal.reveal', req.body.org);
      const period = monthPeriod(req.body.from, req.body.to);
      const { bytes, count } = await serviceWorkbook(db, cipher, req.body.org, period, 'clear');
      await recordReveal(db, {
        actorId: actor.userId,
        ip: req.ip,
        entity: 'org',
        entityId: req.body.org,
        scopeCode: req.body.org,
        subject: `volunteer_signups:${count}`,
        fields: ['name', 'idNumber'],
        reason: req.body.reason.trim(),
        via: 'scope',
      });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', serviceDisposition())
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );
}
