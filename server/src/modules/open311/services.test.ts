import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant } from '../../../test/factories.ts';
import { type Db, one } from '../../infra/db.ts';
import { createCategory } from '../categories/commands/create-category.ts';
import { asText, JURISDICTION, open311App, parseXml, sparkOf } from './test-helpers.ts';

let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = await open311App(db);
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

/** Both formats of one GET, checked for status, content type and the XML declaration. */
async function both(path: string, query = '', headers: Record<string, string> = {}) {
  const json = await get(`/open311/v2/${path}.json${query}`, headers);
  const xml = await get(`/open311/v2/${path}.xml${query}`, headers);
  expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(xml.statusCode).toBe(json.statusCode);
  return { json, xml, data: json.json() as unknown, tree: parseXml(xml.body) };
}

describe('GET discovery', () => {
  it('is an object naming the GeoReport v2 endpoint and both formats, the same in XML', async () => {
    const { json, data, tree } = await both('discovery');
    expect(json.statusCode).toBe(200);
    expect(Array.isArray(data)).toBe(false);
    const d = data as {
      changeset: string;
      endpoints: { url: string; formats: string[]; specification: string }[];
    };
    expect(d.endpoints).toHaveLength(1);
    expect(d.endpoints[0]!.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(d.endpoints[0]!.url).toBe('http://localhost:80/open311/v2');
    expect(d.endpoints[0]!.formats).toEqual(['text/xml', 'application/json']);
    expect(d.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(tree.name).toBe('discovery');
    expect(sparkOf(tree)).toEqual(asText(data));
  });
});

describe('GET services', () => {
  it('lists active sub-categories as a top-level array with string codes, groups and metadata', async () => {
    const { json, data, tree } = await both('services');
    expect(json.statusCode).toBe(200);
    const list = data as Record<string, unknown>[];
    expect(Array.isArray(list)).toBe(true);
    const light = list.find((s) => s.service_code === '05.02')!;
    expect(light).toMatchObject({
      service_name: '路灯不亮',
      metadata: true,
      type: 'realtime',
      group: '市政公用设施',
    });
    expect(typeof light.keywords === 'string' || light.keywords === null).toBe(true);
    expect(
      list.every((s) => typeof s.service_code === 'string' && /^\d{2}\.\d{2}$/.test(s.service_code)),
    ).toBe(true);
    // care alerts are about vulnerable people and come from devices: no public service
    expect(list.some((s) => s.service_code === '12.01')).toBe(false);
    expect(tree.name).toBe('services');
    expect(tree.children.every((c) => c.name === 'service')).toBe(true);
    expect(sparkOf(tree)).toEqual(asText(data));
  });

  it('speaks English when the client asks for it', async () => {
    const { data } = await both('services', '', { 'accept-language': 'en-US,en;q=0.9' });
    const light = (data as Record<string, unknown>[]).find((s) => s.service_code === '05.02')!;
    expect(light.service_name).toBe('Street light out');
  });

  it('leaves out inactive categories', async () => {
    const code = await inactiveCategory();
    const { data } = await both('services');
    expect((data as { service_code: string }[]).some((s) => s.service_code === code)).toBe(false);
    const def = await both(`services/${code}`);
    expect(def.json.statusCode).toBe(404);
  });
});

/** A fresh inactive sub-category of its own, made by the real command (shared rows stay as they are). */
async function inactiveCategory(): Promise<string> {
  const created = await createCategory(
    db,
    {
      parentCode: '12',
      nameZh: '停用测试',
      nameEn: 'Inactive test',
      limits: {
        normal: { value: 1, unit: 'day' },
        urgent: { value: 1, unit: 'day' },
        critical: { value: 1, unit: 'day' },
      },
      active: false,
    },
    { actorId: null, scopeCode: null, ip: 'test' },
  );
  return created.code;
}

describe('GET services/{service_code}', () => {
  it('gives the questions as attributes with the spec datatypes, order and values', async () => {
    const { json, data, tree } = await both('services/02.01');
    expect(json.statusCode).toBe(200);
    expect(data).toEqual({
      service_code: '02.01',
      attributes: [
        {
          variable: true,
          code: 'stall_type',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: '选择一项',
          order: 1,
          description: '摊点类型',
          values: [
            { key: 'mobile', name: '流动摊贩' },
            { key: 'fixed', name: '固定摊点' },
            { key: 'vehicle', name: '车载售卖' },
          ],
        },
      ],
    });
    expect(tree.name).toBe('service_definition');
    expect(sparkOf(tree)).toEqual(asText(data));
  });

  it('maps text, number and multiple questions to string, number and multivaluelist', async () => {
    const light = (await both('services/05.02')).data as { attributes: Record<string, unknown>[] };
    expect(light.attributes.map((a) => [a.code, a.datatype, a.order])).toEqual([
      ['pole_number', 'string', 1],
      ['lamp_count', 'number', 2],
    ]);
    expect(light.attributes[1]!.datatype_description).toBe('1 至 500 之间的数字');
    expect(light.attributes[0]).not.toHaveProperty('values');
    const bikes = (await both('services/04.02', '', { 'accept-language': 'en' })).data as {
      attributes: Record<string, unknown>[];
    };
    expect(bikes.attributes[0]).toMatchObject({ datatype: 'multivaluelist', description: 'Kind of vehicle' });
    const fire = (await both('services/04.04')).data as { attributes: Record<string, unknown>[] };
    expect(fire.attributes[0]).toMatchObject({ code: 'plate', required: true });
  });

  it('keeps a one-attribute list an array in JSON and a container in XML', async () => {
    const { data, xml } = await both('services/01.01');
    expect(Array.isArray((data as { attributes: unknown }).attributes)).toBe(true);
    expect(xml.body).toContain('<attributes>\n    <attribute>');
  });

  it('is 404 in the asked format for an unknown, a top-level or a care-alert code', async () => {
    for (const code of ['99.99', '05', '12.01']) {
      const { json, data, tree } = await both(`services/${code}`);
      expect(json.statusCode).toBe(404);
      expect(data).toEqual([{ code: 'CATEGORY_UNKNOWN', description: expect.stringContaining(code) }]);
      expect(tree.name).toBe('errors');
      expect(sparkOf(tree)).toEqual(asText(data));
    }
  });
});

describe('jurisdiction_id and unknown paths', () => {
  it('accepts the configured jurisdiction, an empty one, and none', async () => {
    for (const q of [`?jurisdiction_id=${JURISDICTION}`, '?jurisdiction_id=', '']) {
      expect((await both('services', q)).json.statusCode).toBe(200);
    }
  });

  it('answers 404 with an error list for another jurisdiction, on every resource', async () => {
    for (const path of ['discovery', 'services', 'services/05.02', 'requests', 'tokens/CG0000-000000']) {
      const { json, data, tree } = await both(path, '?jurisdiction_id=sfgov.org');
      expect(json.statusCode).toBe(404);
      expect(data).toEqual([{ code: 'NOT_FOUND', description: expect.stringContaining('sfgov.org') }]);
      expect(sparkOf(tree)).toEqual(asText(data));
    }
  });

  it('defaults the jurisdiction to the first district code', async () => {
    await createTenant(db);
    const other = await open311App(db, { open311Jurisdiction: null });
    const first = async () =>
      (await one<{ code: string }>(
        db,
        sql`select code from org_nodes where level = 'district' order by code limit 1`,
      ))!.code;
    // on a shared PostgreSQL another worker may add a lower district meanwhile: judge a quiet attempt only
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = await first();
      const res = await other.inject({ url: `/open311/v2/services.json?jurisdiction_id=${code}` });
      if (code !== (await first())) continue;
      expect(res.statusCode).toBe(200);
      break;
    }
    const wrong = await other.inject({ url: `/open311/v2/services.json?jurisdiction_id=${JURISDICTION}` });
    expect(wrong.statusCode).toBe(404);
    await other.close();
  });

  it('answers unknown resources and missing formats with a 404 error list, XML by default', async () => {
    const json = await get('/open311/v2/nothing.json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 'NOT_FOUND', description: expect.any(String) }]);
    for (const url of ['/open311/v2/nothing.xml', '/open311/v2/services', '/open311/v2/services/05.02']) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(sparkOf(parseXml(res.body))).toEqual([{ code: 'NOT_FOUND', description: expect.any(String) }]);
    }
  });
});
