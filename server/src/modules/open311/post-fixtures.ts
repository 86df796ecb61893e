import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTenant, gridCentre, type Tenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { ENV_KEY, form, parseXml, sparkOf } from './test-helpers.ts';

export type Fields = Record<string, string | string[]>;

/** A description no other test writes, so counting it tells whether this request stored a case. */
export const marker = () => `标记-${randomBytes(6).toString('hex')}`;

/** What the POST tests share: a tenant, a valid report in it, the POST itself and a stored-case count. */
export interface PostKit {
  t: Tenant;
  valid(extra?: Fields): Fields;
  post(
    format: 'json' | 'xml',
    fields: Fields,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  stored(description: string | string[] | undefined): Promise<number>;
}

/** Builds a tenant and the POST helpers on an app. */
export async function postKit(app: FastifyInstance, db: Db): Promise<PostKit> {
  const t = await createTenant(db);
  return {
    t,
    valid(extra = {}) {
      const at = gridCentre(t, 0);
      return {
        api_key: ENV_KEY,
        service_code: '05.02',
        lat: String(at.lat),
        long: String(at.lng),
        description: marker(),
        ...extra,
      };
    },
    post(format, fields, headers = {}) {
      return app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${format}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
        payload: form(fields),
      });
    },
    async stored(description) {
      const text = [description].flat()[0] ?? '';
      const row = await one<{ n: number }>(
        db,
        sql`select count(*)::int as n from cases where description = ${text}`,
      );
      return row!.n;
    },
  };
}

/** The errors of a response in its own format, checked to be the spec's list (`<errors><error>…` in XML). */
export function errorsOf(res: LightMyRequestResponse): { code: string; description: string }[] {
  if (String(res.headers['content-type']).startsWith('text/xml')) {
    const tree = parseXml(res.body);
    expect(tree.name).toBe('errors');
    return sparkOf(tree) as { code: string; description: string }[];
  }
  return JSON.parse(res.body) as { code: string; description: string }[];
}
