import type { StandardStar } from '@civicgrid/shared';
import type { FastifyInstance } from 'fastify';
import { createUserWith, loginAs, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';

/** Logged-in staff of a tenant for the five-star flow. */
export interface Cookies {
  community: string;
  otherCommunity: string;
  street: string;
  admin: string;
}

/** Community staff of communities 1-1 and 1-2, street staff of street 1, and a district administrator. */
export async function fiveStarCookies(app: FastifyInstance, db: Db, t: Tenant): Promise<Cookies> {
  const as = async (role: 'community_staff' | 'street_staff' | 'district_admin', id: number) =>
    loginAs(app, await createUserWith(db, role, { orgNodeId: id }, t.district.code));
  return {
    community: await as('community_staff', t.communities[0]!.id),
    otherCommunity: await as('community_staff', t.communities[1]!.id),
    street: await as('street_staff', t.streets[0]!.id),
    admin: await as('district_admin', t.district.id),
  };
}

/** Answers meeting every typed item of a standard (metric-linked items are left to the platform). */
export function allMet(stars: StandardStar[]) {
  return stars.flatMap((s) =>
    s.items
      .filter((i) => !i.metric)
      .map((i) =>
        i.kind === 'pass' || i.kind === 'veto'
          ? { key: i.key, passed: true, evidence: '会议记录齐全' }
          : { key: i.key, value: i.max ?? 100, evidence: '考核表' },
      ),
  );
}
