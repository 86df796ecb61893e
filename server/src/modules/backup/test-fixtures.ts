import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type CaseWorld, caseWorld, ok, report, STREETLIGHT } from '../../../test/case-helpers.ts';
import { gridCentre } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { jpegWithGps, multipartBody } from '../photos/test-fixtures.ts';

/** What a restored copy must serve again: cases with their timelines, photos and reporters' phones. */
export interface BackupWorld {
  w: CaseWorld;
  caseIds: number[];
  photoId: string;
}

export const PHONE = '13912345678';

/**
 * A tenant with three cases: one with a named reporter, a phone and a photo, dispatched (events), one
 * reported by a grid worker, and one anonymous. Built through the API, as people would.
 */
export async function backupWorld(app: FastifyInstance, db: Db): Promise<BackupWorld> {
  const w = await caseWorld(app, db);
  const p = gridCentre(w.t, 1);
  const body = multipartBody(
    {
      categoryCode: STREETLIGHT,
      description: '路灯倒在人行道上',
      lat: String(p.lat),
      lng: String(p.lng),
      reporterName: '王小明',
      reporterPhone: PHONE,
    },
    [{ name: 'photos', data: await jpegWithGps(), filename: 'a.jpg', type: 'image/jpeg' }],
  );
  const withPhoto = await app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { ...body.headers, cookie: w.resident },
    payload: body.payload,
  });
  if (withPhoto.statusCode !== 201) throw new Error(`report → ${withPhoto.statusCode} ${withPhoto.body}`);
  const first = withPhoto.json().data.id as number;
  await ok(app, w.dispatcher, first, 'file');
  await ok(app, w.dispatcher, first, 'dispatch', { unitId: w.t.unitId });
  const second = (await report(app, w, w.gridWorker, { source: 'grid_patrol' })).json().data.id as number;
  const third = (await report(app, w, null)).json().data.id as number;
  const view = (await app.inject({ url: `/api/cases/${first}`, headers: { cookie: w.dispatcher } })).json();
  const photoId = JSON.stringify(view).match(
    /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/,
  )?.[0];
  if (!photoId) throw new Error('the reported photo is not in the case view');
  return { w, caseIds: [first, second, third], photoId };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Everything a dispatcher sees of the world's cases: each case view (timeline included), the revealed
 * reporter, and the bytes of the photo's three files. Two servers serving the same data give equal views.
 */
export async function whatStaffSee(app: FastifyInstance, world: BackupWorld) {
  const cookie = world.w.dispatcher;
  const cases = [];
  for (const id of world.caseIds)
    cases.push((await app.inject({ url: `/api/cases/${id}`, headers: { cookie } })).json());
  const revealed = (
    await app.inject({
      method: 'POST',
      url: `/api/cases/${world.caseIds[0]}/reporter/reveal`,
      headers: { cookie },
      payload: { reason: '恢复后核对数据' },
    })
  ).json();
  const photos: Record<string, string | number> = {};
  for (const variant of ['', '/public', '/thumb']) {
    const res = await app.inject({ url: `/api/photos/${world.photoId}${variant}`, headers: { cookie } });
    photos[variant || '/original'] = res.statusCode === 200 ? sha(res.rawPayload) : res.statusCode;
  }
  return { cases, revealed, photos };
}
