import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { recordReveal } from '../personal-data/commands/record-reveal.ts';
import { unseal } from '../personal-data/fields.ts';
import { RevealBody, type RevealBodyT } from '../personal-data/reveal-body.ts';
import { loadHousehold, loadPerson } from './load.ts';

const Id = Type.Object({ id: RowId() });

/**
 * The archive's clear values for those with personal.reveal over the record, each time with a reason and an
 * audit row written before the values leave (docs/personal-data.md): a person's ID number and phone, a
 * household's contact phone.
 */
export function peopleRevealRoutes(app: FastifyInstance, db: Db, cipher: PersonalDataCipher): void {
  app.post<{ Params: typeof Id.static; Body: RevealBodyT }>(
    '/api/persons/:id/reveal',
    {
      schema: {
        tags: ['people', 'personal data'],
        summary: "Reveal a person's ID number and phone with a reason (audited)",
        params: Id,
        body: RevealBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const p = await loadPerson(db, actor, req.params.id);
      assertCan(actor, 'personal.reveal', p.code);
      const clear = { idNumber: unseal(cipher, p.idNumberEnc), phone: unseal(cipher, p.phoneEnc) };
      const fields = (['idNumber', 'phone'] as const).filter((f) => clear[f] !== null);
      if (!fields.length) throw notFound();
      await recordReveal(db, {
        actorId: actor.userId,
        ip: req.ip,
        entity: 'person',
        entityId: p.id,
        scopeCode: p.code,
        subject: 'person',
        fields,
        reason: req.body.reason.trim(),
        via: 'scope',
      });
      return { data: clear };
    },
  );

  app.post<{ Params: typeof Id.static; Body: RevealBodyT }>(
    '/api/households/:id/reveal',
    {
      schema: {
        tags: ['people', 'personal data'],
        summary: "Reveal a household's contact phone with a reason (audited)",
        params: Id,
        body: RevealBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const h = await loadHousehold(db, actor, req.params.id);
      assertCan(actor, 'personal.reveal', h.code);
      const contactPhone = unseal(cipher, h.contactPhoneEnc);
      if (!contactPhone) throw notFound();
      await recordReveal(db, {
        actorId: actor.userId,
        ip: req.ip,
        entity: 'household',
        entityId: h.id,
        scopeCode: h.code,
        subject: 'household',
        fields: ['contactPhone'],
        reason: req.body.reason.trim(),
        via: 'scope',
      });
      return { data: { contactPhone } };
    },
  );
}
