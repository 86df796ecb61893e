import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { forbidden, notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { recordReveal } from '../personal-data/commands/record-reveal.ts';
import { RevealBody, type RevealBodyT } from '../personal-data/reveal-body.ts';
import { loadHeld } from './case-access.ts';
import { reporterAccess, reporterIdentity } from './reporter.ts';

const IdParams = Type.Object({ id: RowId() });

/** The reporter's contact in clear, for those who may reveal it, each time with a reason and an audit row. */
export function reporterRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.post<{ Params: typeof IdParams.static; Body: RevealBodyT }>(
    '/api/cases/:id/reporter/reveal',
    {
      schema: {
        tags: ['cases', 'personal data'],
        summary:
          "Reveal the reporter's name and phone with a reason (audited): staff with personal.reveal over the case, or a unit handling it",
        params: IdParams,
        body: RevealBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { c, holds } = await loadHeld(db, actor, req.params.id);
      const access = reporterAccess(c, holds);
      if (access === 'none') throw forbidden();
      const who = await reporterIdentity(db, cipher, c);
      const fields = (['name', 'phone', 'email'] as const).filter((f) => who[f] !== null);
      if (!fields.length) throw notFound();
      await recordReveal(db, {
        actorId: actor.userId,
        ip: req.ip,
        entity: 'case',
        entityId: c.id,
        scopeCode: c.orgCode,
        subject: 'reporter',
        fields,
        reason: req.body.reason.trim(),
        via: access === 'knows' ? 'scope' : 'unit',
      });
      return { data: who };
    },
  );
}
