import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { testConfig } from '../../test/database.ts';
import { type Db, rows } from '../infra/db.ts';
import { FollowHandles } from '../modules/follows/handles.ts';
import type { CallerName } from './callers.ts';
import { collectMarkers, type Markers } from './markers.ts';
import { type Reach, reachOf } from './reach.ts';
import { buildCases, type CaseKey, type WorldCase } from './world-cases.ts';
import { buildCredentials, buildHooks, categoryBody, type WorldObjects } from './world-objects.ts';
import { buildPeople, type People } from './world-people.ts';
import { buildVisits, visitMarkers, type WorldVisits } from './world-visits.ts';

/**
 * The world every cell of the matrix runs in: districts A and B with their people, cases in several states
 * and sources placed own / neighbour / sibling / foreign, photos, notifications, follows, webhooks, keys and
 * tokens, and the markers the leak check looks for. Built once per test file through the API.
 */
export interface World extends People, WorldObjects, WorldVisits {
  app: FastifyInstance;
  db: Db;
  cases: Record<CaseKey, WorldCase>;
  /** a follower code an anonymous caller was given for case `reported` */
  followerCode: string;
  handles: FollowHandles;
  reach: Record<CallerName, Reach>;
  markers: Markers;
  /** an inactive sub-category the administrators' cells may change */
  categoryCode: string;
}

/** Builds the world on an app and its database. */
export async function buildWorld(app: FastifyInstance, db: Db): Promise<World> {
  const handles = new FollowHandles(testConfig().secretKey);
  const people = await buildPeople(app, db);
  const hooks = await buildHooks(app, people);
  // every logged-in caller of A follows one public case, so each has notifications of its own
  const follow = async (caseId: number) => {
    const followers = Object.values(people.callers).filter(
      (c) => c.name !== 'anonymous' && c.name !== 'integration_token',
    );
    // and a grid worker of street 2, whose notifications are a colleague's to the callers
    for (const headers of [...followers.map((c) => c.headers), people.others.siblingGridWorker]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/follows',
        headers,
        payload: { handle: handles.handleOf(caseId) },
      });
      if (res.statusCode !== 201) throw new Error(`follow: ${res.statusCode} ${res.body}`);
    }
  };
  const cases = await buildCases(app, people, follow);
  for (const c of Object.values(cases)) {
    const photos = await rows<{ id: string }>(
      db,
      sql`select id from case_photos where case_id = ${c.id} order by created_at, id`,
    );
    c.photos = photos.map((ph) => ph.id);
  }
  const category = await app.inject({
    method: 'POST',
    url: '/api/categories',
    headers: people.callers.district_admin.headers,
    payload: categoryBody('矩阵测试类别', 'Matrix category'),
  });
  if (category.statusCode !== 201) throw new Error(`category: ${category.statusCode} ${category.body}`);
  const credentials = await buildCredentials(app, people);
  const anonymousFollow = await app.inject({
    method: 'POST',
    url: '/api/follows',
    payload: { handle: handles.handleOf(cases.reported.id) },
  });
  const followerCode = anonymousFollow.json().data.followerCode as string;
  const objects = { hooks, ...credentials };
  const reach = reachOf(people);
  const visits = await buildVisits(app, db, people, cases.foreign);
  const markers = await collectMarkers(db, people, cases, { ...objects, followerCode }, reach, handles);
  visitMarkers(markers, visits, (a) => reach[a.caller]);
  return {
    ...people,
    ...objects,
    ...visits,
    app,
    db,
    cases,
    followerCode,
    handles,
    reach,
    markers,
    categoryCode: category.json().data.code,
  };
}
