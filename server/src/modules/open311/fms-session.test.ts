import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseWorld, caseWorld, ok, STREETLIGHT } from '../../../test/case-helpers.ts';
import { testDatabase } from '../../../test/database.ts';
import { gridCentre } from '../../../test/factories.ts';
import { type Db, one, rows } from '../../infra/db.ts';
import { multipartBody, testImage } from '../photos/test-fixtures.ts';
import { errorsOf } from './post-fixtures.ts';
import { ENV_KEY, form, JURISDICTION, open311App, parseXml, sparkOf } from './test-helpers.ts';

// A FixMyStreet-shaped session, with the parameters perllib/Open311.pm sends (send_service_request,
// get_service_request_updates, post_service_request_update, upload_files) and read back as it parses them
// (XML::Simple over service_requests/request and service_request_updates/request_update).

let app: FastifyInstance;
let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await open311App(db);
  w = await caseWorld(app, db);
});
afterAll(() => app.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
type Row = Record<string, string | null>;
const xmlList = (body: string) => sparkOf(parseXml(body)) as Row[];
/** DateTime::Format::W3CDTF in UTC, as FixMyStreet formats its window. */
const w3cdtf = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The report FixMyStreet sends for a problem (extended_description, split name, e-mail, attributes). */
function fmsReport(extra: Record<string, string> = {}): Record<string, string> {
  const at = gridCentre(w.t, 0);
  return {
    jurisdiction_id: JURISDICTION,
    api_key: ENV_KEY,
    service_code: STREETLIGHT,
    description: `Lamp out by the school\r\n\r\nThe lamp has been dark for a week ${randomBytes(3).toString('hex')}\r\n\r\nhttps://fms.example.org/report/42\r\n`,
    first_name: 'Alice',
    last_name: 'Smith',
    email: 'alice.smith@example.org',
    lat: String(at.lat),
    long: String(at.lng),
    'attribute[pole_number]': 'LD-0042',
    ...extra,
  };
}

describe('a FixMyStreet body run against CivicGrid', () => {
  it('populates services, posts a report, reads staff progress in its window and posts a comment back', async () => {
    const services = xmlList((await app.inject({ url: '/open311/v2/services.xml' })).body);
    expect(services.map((s) => s.service_code)).toContain(STREETLIGHT);
    const definition = await app.inject({ url: `/open311/v2/services/${STREETLIGHT}.xml` });
    expect(parseXml(definition.body).name).toBe('service_definition');

    // a number FixMyStreet showed as free text: accepted, kept as text, flagged for the dispatcher
    const sent = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: FORM,
      payload: form(fmsReport({ 'attribute[lamp_count]': 'three' })),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = Number(xmlList(sent.body)[0]!.service_request_id);

    await ok(app, w.dispatcher, id, 'file');
    await ok(app, w.dispatcher, id, 'dispatch', { unitId: w.t.unitId });

    // Open311::GetServiceRequestUpdates: the last two hours, api_key in the query
    const now = new Date(Date.now() + 1000);
    const q = new URLSearchParams({
      api_key: ENV_KEY,
      jurisdiction_id: JURISDICTION,
      start_date: w3cdtf(new Date(now.getTime() - 2 * 3_600_000)),
      end_date: w3cdtf(now),
    });
    const feed = await app.inject({ url: `/open311/v2/servicerequestupdates.xml?${q}` });
    expect(feed.statusCode).toBe(200);
    const mine = xmlList(feed.body).filter((u) => u.service_request_id === String(id));
    expect(mine.map((u) => u.status)).toEqual(['action_scheduled', 'in_progress']);
    for (const u of mine) {
      // FixMyStreet's check_date: updated_datetime parses and lies in the window it asked for
      const at = Date.parse(u.updated_datetime!);
      expect(at).toBeGreaterThanOrEqual(Date.parse(q.get('start_date')!));
      expect(at).toBeLessThanOrEqual(Date.parse(q.get('end_date')!));
    }

    // Open311::post_service_request_update
    const comment = await app.inject({
      method: 'POST',
      url: '/open311/v2/servicerequestupdates.xml',
      headers: FORM,
      payload: form({
        jurisdiction_id: JURISDICTION,
        api_key: ENV_KEY,
        updated_datetime: w3cdtf(new Date()).replace('Z', '+00:00'),
        service_request_id: String(id),
        status: 'OPEN',
        description: 'Still dark tonight.\r\nPlease hurry.',
        last_name: 'Smith',
        first_name: 'Alice',
        email: 'alice.smith@example.org',
        update_id: String(randomInt(1, 2 ** 31)),
      }),
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const tree = parseXml(comment.body);
    expect(tree.name).toBe('service_request_updates');
    expect(tree.children.map((c) => c.name)).toEqual(['request_update']);
    const updateId = xmlList(comment.body)[0]!.update_id!;

    // the dispatcher's case page: the comment, the flagged answer, the reporter's e-mail masked
    const page = await app.inject({ url: `/api/cases/${id}`, headers: { cookie: w.dispatcher } });
    const c = page.json().data;
    const followUp = c.events.find((e: { id: number }) => String(e.id) === updateId);
    expect(followUp).toMatchObject({ action: 'follow_up', reason: 'Still dark tonight.\nPlease hurry.' });
    expect(c.answers).toEqual({ pole_number: 'LD-0042' });
    expect(c.answerIssues).toEqual([{ code: 'lamp_count', value: 'three', problem: 'must be a number' }]);
    expect(c.reporter).toMatchObject({ name: 'A*********h', email: 'a***@example.org', canReveal: true });
    expect(c.description).not.toContain('\r');
    expect(page.body).not.toContain('alice.smith@example.org');

    // replying needs the address in clear: revealed with a reason, and audited
    const reveal = await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/reporter/reveal`,
      headers: { cookie: w.dispatcher },
      payload: { reason: '需邮件回复反映人' },
    });
    expect(reveal.json().data).toEqual({
      name: 'Alice Smith',
      phone: null,
      email: 'alice.smith@example.org',
    });
    const audit = await one<{ after: { fields: string[] } }>(
      db,
      sql`select after from audit_log where action = 'personal.reveal' and entity_id = ${String(id)} order by id desc limit 1`,
    );
    expect(audit!.after.fields).toEqual(['name', 'email']);
    const sealed = await one<{ enc: string }>(
      db,
      sql`select reporter_email_enc as enc from cases where id = ${id}`,
    );
    expect(sealed!.enc).toMatch(/^v[12]\./);
    expect(sealed!.enc).not.toContain('example.org');

    // GET requests stays strict GeoReport v2, and the public view never carries the e-mail or the comment
    const strict = xmlList(
      (await app.inject({ url: `/open311/v2/requests/${id}.xml?extensions=true` })).body,
    );
    expect(strict[0]!.status).toBe('open');
    expect(JSON.stringify(strict)).not.toMatch(/alice|Still dark/i);
  });

  it('still refuses a report missing a required answer with 400 (FixMyStreet knows required fields)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: form(fmsReport({ service_code: '01.01', 'attribute[volume]': '' })),
    });
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res)[0]!.code).toBe('ANSWER_REQUIRED');
  });
});

describe('upload_files: multipart/form-data with photos', () => {
  const photoCount = (id: number) =>
    one<{ n: number }>(db, sql`select count(*)::int as n from case_photos where case_id = ${id}`);

  it('stores photo files through the photo pipeline and shows the first, EXIF-free, as media_url', async () => {
    const fields = fmsReport();
    const body = multipartBody(fields, [
      { name: 'photo1', filename: '42.0.full.jpeg', type: 'image/jpeg', data: await testImage('jpeg') },
      { name: 'photo2', filename: '42.1.full.png', type: 'image/png', data: await testImage('png') },
    ]);
    const res = await app.inject({ method: 'POST', url: '/open311/v2/requests.xml', ...body });
    expect(res.statusCode, res.body).toBe(201);
    const id = Number(xmlList(res.body)[0]!.service_request_id);
    expect((await photoCount(id))!.n).toBe(2);
    const request = (await app.inject({ url: `/open311/v2/requests/${id}.json` })).json()[0];
    expect(request.media_url).toMatch(/\/api\/photos\/[0-9a-f-]{36}\/public$/);
    const image = await app.inject({ url: new URL(request.media_url).pathname });
    expect(image.statusCode).toBe(200);

    // a comment with a photo: the photo hangs on the follow-up step
    const update = multipartBody(
      {
        api_key: ENV_KEY,
        service_request_id: String(id),
        update_id: `fms-${randomBytes(4).toString('hex')}`,
        status: 'OPEN',
        description: 'Photo of the pole',
      },
      [{ name: 'photo1', filename: 'c.jpeg', type: 'image/jpeg', data: await testImage('jpeg') }],
    );
    const posted = await app.inject({
      method: 'POST',
      url: '/open311/v2/servicerequestupdates.json',
      ...update,
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const onStep = await rows<{ id: string }>(
      db,
      sql`select id from case_photos where event_id = ${Number(posted.json()[0].update_id)}`,
    );
    expect(onStep).toHaveLength(1);
  });

  it('refuses a file that is no image with 415 and a body of another type with 415, storing nothing', async () => {
    const fields = fmsReport();
    const body = multipartBody(fields, [
      { name: 'file_a', filename: 'notes.txt', type: 'text/plain', data: Buffer.from('not an image') },
    ]);
    const res = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...body });
    expect(res.statusCode).toBe(415);
    expect(errorsOf(res)[0]!.code).toBe('PHOTO_NOT_IMAGE');
    const json = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(fields),
    });
    expect(json.statusCode).toBe(415);
    const stored = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from cases where description = ${fields.description!.replace(/\r\n/g, '\n')}`,
    );
    expect(stored!.n).toBe(0);
  });
});
