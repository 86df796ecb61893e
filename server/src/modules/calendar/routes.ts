import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.ts';
import { actorOf } from '../auth/plugin.ts';
import { assertDistrictWide, scopesFor } from '../auth/policy.ts';
import { deleteOverride } from './commands/delete-override.ts';
import { type CalendarChangedBy, saveOverride } from './commands/save-override.ts';
import { setWorkingHours } from './commands/set-working-hours.ts';
import { loadCalendar, readWorkingHours } from './load-calendar.ts';
import { calendarYear } from './queries.ts';
import { CHINA_UTC_OFFSET_MINUTES } from './work-calendar.ts';

const Day = Type.Object({ day: Type.String({ maxLength: 10 }) });
const TIME_ZONE = { timeZone: 'Asia/Shanghai', utcOffsetMinutes: CHINA_UTC_OFFSET_MINUTES };

/** The administrator changing the calendar, after checking they manage a whole district (it is shared). */
function changer(req: FastifyRequest): CalendarChangedBy {
  const actor = actorOf(req);
  assertDistrictWide(actor, 'org.manage');
  return { actorId: actor.userId, scopeCode: scopesFor(actor, 'org.manage')[0] ?? null, ip: req.ip };
}

/** District calendar: holidays, 调休 make-up days, overrides, working hours, deadline preview. */
export function calendarRoutes(app: FastifyInstance, db: Db): void {
  const YearQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
  app.get<{ Querystring: typeof YearQuery.static }>(
    '/api/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Every day of a year: working or not, holiday name, and who decided',
        querystring: YearQuery,
      },
    },
    async (req) => {
      actorOf(req);
      const { days, packageCoversYear } = await calendarYear(db, req.query.year);
      return { data: days, packageCoversYear };
    },
  );

  const OverrideBody = Type.Object(
    {
      isWorkday: Type.Boolean(),
      note: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    },
    { additionalProperties: false },
  );
  app.put<{ Params: typeof Day.static; Body: typeof OverrideBody.static }>(
    '/api/calendar/overrides/:day',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Make a day a working day or a day off',
        params: Day,
        body: OverrideBody,
      },
    },
    async (req) => {
      const by = changer(req);
      return { data: await saveOverride(db, { day: req.params.day, ...req.body }, by) };
    },
  );

  app.delete<{ Params: typeof Day.static }>(
    '/api/calendar/overrides/:day',
    { schema: { tags: ['calendar'], summary: 'Give a day back to the holiday package', params: Day } },
    async (req) => {
      const by = changer(req);
      await deleteOverride(db, req.params.day, by);
      return { data: { day: req.params.day, deleted: true } };
    },
  );

  app.get(
    '/api/calendar/hours',
    { schema: { tags: ['calendar'], summary: 'Working periods of a working day (China Standard Time)' } },
    async (req) => {
      actorOf(req);
      return { data: { periods: await readWorkingHours(db), ...TIME_ZONE } };
    },
  );

  const HoursBody = Type.Object(
    { periods: Type.Array(Type.Array(Type.String({ maxLength: 5 })), { maxItems: 12 }) },
    { additionalProperties: false },
  );
  app.put<{ Body: typeof HoursBody.static }>(
    '/api/calendar/hours',
    {
      schema: {
        tags: ['calendar'],
        summary: "Set the working periods, e.g. [['08:30','12:00'],['13:30','17:30']]",
        body: HoursBody,
      },
    },
    async (req) => {
      const by = changer(req);
      return { data: { periods: await setWorkingHours(db, req.body.periods, by), ...TIME_ZONE } };
    },
  );

  const PreviewQuery = Type.Object({
    start: Type.Optional(Type.String({ format: 'date-time' })),
    value: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }),
    unit: Type.Union([Type.Literal('hour'), Type.Literal('day')]),
  });
  app.get<{ Querystring: typeof PreviewQuery.static }>(
    '/api/calendar/preview',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The deadline a time limit gives from a start (now by default)',
        querystring: PreviewQuery,
      },
    },
    async (req) => {
      actorOf(req);
      const calendar = await loadCalendar(db);
      const start = req.query.start ? new Date(req.query.start) : new Date();
      const amount = { value: req.query.value, unit: req.query.unit };
      const deadline = calendar.addWorkingTime(start, amount);
      return {
        data: { start, deadline, amount, workingMinutes: calendar.workingMinutesBetween(start, deadline) },
      };
    },
  );
}
