import type { CategoryQuestion } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../server/src/infra/db.ts';
import { FollowHandles } from '../../../server/src/modules/follows/handles.ts';
import { hashApiKey, newApiKey } from '../../../server/src/modules/open311/api-keys.ts';
import type { BenchServer } from '../bench-server.ts';
import { DEMO_BBOX } from '../intake-bodies.ts';

/** A case the fuzz knows: its id, tracking code and the phone number its reporter left (if any). */
export interface KnownCase {
  id: number;
  code: string;
  phone: string | null;
}

/**
 * What earlier endpoints of the run produced that later ones use: tracking codes of accepted reports (for
 * the tracking and rating runs) and follower codes of accepted follows (for the follower-code run).
 */
export interface Harvest {
  /** tracking code → case id, the seeded cases' and every accepted report's */
  codes: Map<string, number>;
  followerCodes: string[];
}

/** A category as the intake generators need it. */
export interface FuzzCategory {
  code: string;
  leaf: boolean;
  active: boolean;
  questions: CategoryQuestion[];
}

/** Everything the generators draw valid-shaped values from, seeded before the run. */
export interface FuzzWorld {
  categories: FuzzCategory[];
  box: typeof DEMO_BBOX;
  open311Key: string;
  revokedOpen311Key: string;
  /** closed cases, rateable by code and phone / by code alone / by the logged-in resident who reported */
  closedWithPhone: KnownCase[];
  closedWithoutPhone: KnownCase[];
  closedOwn: KnownCase[];
  /** open, rejected and internal-source (暗访) cases, which nobody may rate */
  open: KnownCase[];
  rejected: KnownCase[];
  internal: KnownCase[];
  /** follow handles: of followable cases, and of cases nobody may follow (internal, rejected, no such id) */
  handles: { followable: string[]; unfollowable: string[] };
  /** `cg_session=…` of the demo resident, and its user id */
  residentCookie: string;
  residentId: string;
  /** follow handle → case id, for every handle above */
  handleIds: Map<string, number>;
  usernames: string[];
  password: string;
}

type Api = (method: string, path: string, cookie: string | null, body?: unknown) => Promise<unknown>;

function apiOf(url: string): Api {
  return async (method, path, cookie, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie ? { cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seeding: ${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

const point = (i: number) => ({
  lng: Number((DEMO_BBOX.minLng + 0.01 + ((i * 7) % 97) * 0.0012).toFixed(6)),
  lat: Number((DEMO_BBOX.minLat + 0.01 + ((i * 13) % 61) * 0.0012).toFixed(6)),
});

/**
 * Seeds what the generators need on the freshly started demo server, through its own API (so the cases are
 * exactly what the product makes of them): closed cases with and without a reporter's phone, the demo
 * resident's own closed case, open, rejected and 暗访 cases, and an Open311 key (and a revoked one) in the
 * database.
 */
export async function seedWorld(bench: BenchServer, perKind = 25): Promise<FuzzWorld> {
  const db: Db = bench.server.database.db;
  const api = apiOf(bench.server.url);
  const [dispatcher, unit, resident] = [
    await bench.login('dispatcher'),
    await bench.login('unit'),
    await bench.login('resident'),
  ];
  const me = (await api('GET', '/api/auth/me', unit)) as { data: { grants: { unitId: number | null }[] } };
  const unitId = me.data.grants.find((g) => g.unitId)!.unitId!;
  const residentId = ((await api('GET', '/api/auth/me', resident)) as { data: { id: string } }).data.id;
  let n = 0;
  const report = async (cookie: string | null, extra: Record<string, unknown> = {}): Promise<KnownCase> => {
    const body = {
      categoryCode: '05.02',
      description: `路灯不亮（模糊测试种子 ${++n}）`,
      location: point(n),
      ...extra,
    };
    const res = (await api('POST', '/api/cases', cookie, body)) as {
      data: { id: number; trackingCode: string };
    };
    return { id: res.data.id, code: res.data.trackingCode, phone: (extra.reporterPhone as string) ?? null };
  };
  const close = async (c: KnownCase) => {
    const act = (cookie: string, action: string, body: unknown = {}) =>
      api('POST', `/api/cases/${c.id}/actions/${action}`, cookie, body);
    await act(dispatcher, 'file');
    await act(dispatcher, 'dispatch', { unitId });
    await act(unit, 'feedback', { note: '已修复' });
    await act(dispatcher, 'check_pass');
    await act(dispatcher, 'close');
    return c;
  };
  const many = async (count: number, make: (i: number) => Promise<KnownCase>) => {
    const out: KnownCase[] = [];
    for (let i = 0; i < count; i++) out.push(await make(i));
    return out;
  };

  const closedWithPhone = await many(perKind, async (i) =>
    close(await report(null, { reporterPhone: `1380000${String(i).padStart(4, '0')}` })),
  );
  const closedWithoutPhone = await many(perKind, async () => close(await report(null)));
  const closedOwn = await many(5, async () => close(await report(resident)));
  const open = await many(10, () => report(null, { reporterPhone: '13900000000' }));
  const rejected = await many(3, async () => {
    const c = await report(null);
    await api('POST', `/api/cases/${c.id}/actions/reject`, dispatcher, {
      rejectReason: 'not_substantiated',
      reason: '经核实不存在',
    });
    return c;
  });
  const internal = await many(3, () => report(dispatcher, { source: 'undercover' }));

  const open311Key = newApiKey();
  const revokedOpen311Key = newApiKey();
  await db.execute(sql`insert into open311_keys (name, key_hash) values ('fuzz', ${hashApiKey(open311Key)})`);
  await db.execute(
    sql`insert into open311_keys (name, key_hash, revoked_at)
        values ('fuzz revoked', ${hashApiKey(revokedOpen311Key)}, now())`,
  );

  const categories = (
    await rows<{ code: string; parent: string | null; active: boolean; questions: CategoryQuestion[] }>(
      db,
      sql`select code, parent_code as parent, active, questions from categories order by code`,
    )
  ).map((c) => ({ code: c.code, leaf: c.parent !== null, active: c.active, questions: c.questions }));

  const handles = new FollowHandles(bench.secretKey);
  const followable = [...open, ...closedWithPhone.slice(0, 5), ...closedWithoutPhone.slice(0, 5)];
  const handleIds = new Map(
    [...followable, ...rejected, ...internal].map((c) => [handles.handleOf(c.id), c.id] as const),
  );
  return {
    categories,
    box: DEMO_BBOX,
    open311Key,
    revokedOpen311Key,
    closedWithPhone,
    closedWithoutPhone,
    closedOwn,
    open,
    rejected,
    internal,
    handles: {
      followable: followable.map((c) => handles.handleOf(c.id)),
      unfollowable: [
        ...[...rejected, ...internal].map((c) => handles.handleOf(c.id)),
        handles.handleOf(9_999_999),
        handles.handleOf(Number.MAX_SAFE_INTEGER),
      ],
    },
    residentCookie: resident,
    residentId,
    handleIds,
    usernames: ['admin', 'dispatcher', 'leader', 'street', 'community', 'gridworker', 'unit', 'resident'],
    password: bench.password,
  };
}
