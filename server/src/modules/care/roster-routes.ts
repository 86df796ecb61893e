import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { notFound } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import type { Actor } from '../auth/actor.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertCan, assertListArea, scopeCondition } from '../auth/policy.ts';
import { findNodeByCode } from '../org/queries.ts';
import { districtToday } from '../people/present-person.ts';
import { addRosterEntry } from './commands/add-roster-entry.ts';
import { removeRosterEntry } from './commands/remove-roster-entry.ts';
import { DUTY_OF_LEVEL, eligibleFor, findRosterEntry, onDuty, rosterUnder } from './roster-queries.ts';

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$' })) });
const AreaQuery = Type.Object({ org: Type.String({ pattern: '^[0-9]{9}([0-9]{3})?$' }) });
const AddBody = Type.Object(
  {
    org: Type.String({ pattern: '^[0-9]{9}([0-9]{3})?$', description: 'a street or community code' }),
    userId: Type.String({ format: 'uuid' }),
    fromDay: Type.Optional(Day),
    toDay: Type.Optional(Day),
  },
  { additionalProperties: false },
);
const Id = Type.Object({ id: RowId() });

/** A street or community the caller keeps the roster of (care.roster), with the duty its roster holds. */
async function loadArea(db: Db, actor: Actor, code: string) {
  const node = await findNodeByCode(db, code);
  const duty = node ? DUTY_OF_LEVEL[node.level] : undefined;
  if (!node || !duty) throw notFound();
  assertCan(actor, 'care.roster', node.code);
  return { id: node.id, code: node.code, duty };
}

/**
 * The care-contact roster (docs/care.md): whom an unanswered care alert reaches — per community its care
 * contacts, per street its duty officers, standing or by date. Kept by the street for its communities and by
 * the district administrator.
 */
export function careRosterRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: typeof OrgQuery.static }>(
    '/api/care/roster',
    {
      schema: {
        tags: ['care'],
        summary: 'The streets and communities in scope with their named care contacts / duty officers',
        querystring: OrgQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertListArea(actor, 'care.roster', req.query.org);
      const { areas, entries } = await rosterUnder(
        db,
        scopeCondition(actor, 'care.roster', sql`n.code`),
        req.query.org ?? null,
      );
      const today = districtToday();
      // one look-up per area: a street keeps a dozen or so, the district's administrator some hundreds at most
      const data = [];
      for (const a of areas) {
        const duty = DUTY_OF_LEVEL[a.level]!;
        const onToday = new Set(await onDuty(db, a.code, duty, today));
        data.push({
          ...a,
          duty,
          entries: entries
            .filter((e) => e.code === a.code)
            .map(({ code: _c, ...e }) => ({ ...e, onDutyToday: onToday.has(e.userId) })),
        });
      }
      return { data: { today, areas: data } };
    },
  );

  app.get<{ Querystring: typeof AreaQuery.static }>(
    '/api/care/roster/eligible',
    {
      schema: {
        tags: ['care'],
        summary: 'Who may be named for an area: active accounts that can follow a care alert there',
        querystring: AreaQuery,
      },
    },
    async (req) => {
      const area = await loadArea(db, actorOf(req), req.query.org);
      return { data: await eligibleFor(db, area.code) };
    },
  );

  app.post<{ Body: typeof AddBody.static }>(
    '/api/care/roster',
    {
      schema: {
        tags: ['care'],
        summary:
          'Name a care contact (community) or duty officer (street), standing or on given days (audited)',
        body: AddBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const area = await loadArea(db, actor, req.body.org);
      const id = await addRosterEntry(db, actor, area, req.body, req.ip);
      reply.code(201);
      return { data: { id } };
    },
  );

  app.delete<{ Params: typeof Id.static }>(
    '/api/care/roster/:id',
    {
      schema: { tags: ['care'], summary: 'Take a name off a roster (audited)', params: Id },
    },
    async (req) => {
      const actor = actorOf(req);
      const entry = await findRosterEntry(db, req.params.id);
      if (!entry) throw notFound();
      assertCan(actor, 'care.roster', entry.code);
      await removeRosterEntry(db, actor, entry, req.ip);
      return { data: { id: entry.id } };
    },
  );
}
