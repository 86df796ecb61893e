import { readFileSync } from 'node:fs';
import { INSPECTION_POINT_TYPES, URGENCIES } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { type Db, rows } from '../../infra/db.ts';
import { findCategory, listCategories } from './queries.ts';
import {
  CATEGORY_SEED_FILE,
  parseCategorySeed,
  readCategorySeed,
  seedCategories,
} from './seed-categories.ts';

const seed = readCategorySeed();
const byCode = new Map(seed.map((c) => [c.code, c]));
const subs = seed.filter((c) => c.parentCode !== null);
/** A limit in working minutes, a working day being the default 7.5 hours. */
const minutes = (l: { value: number; unit: string }) => l.value * (l.unit === 'day' ? 450 : 60);
const raw = () => JSON.parse(readFileSync(CATEGORY_SEED_FILE, 'utf8'));

describe('the category seed', () => {
  it('has the 12 top-level categories of PRODUCT §4 and at least 60 sub-categories under them', () => {
    const tops = seed.filter((c) => c.parentCode === null);
    expect(tops.map((c) => `${c.code} ${c.nameZh}`)).toEqual([
      '01 环境卫生',
      '02 街面经营秩序',
      '03 广告招牌与公益宣传',
      '04 交通与停车秩序',
      '05 市政公用设施',
      '06 园林绿化与水域',
      '07 建设施工与违法建设',
      '08 小区楼院管理',
      '09 市民文明行为',
      '10 重点场所与窗口服务',
      '11 安全隐患与突发事件',
      '12 民生服务与矛盾纠纷',
    ]);
    expect(subs.length).toBeGreaterThanOrEqual(60);
    for (const top of tops) expect(subs.filter((s) => s.parentCode === top.code).length).toBeGreaterThan(3);
  });

  it('keeps the examples of PRODUCT §4: names, GB codes and normal time limits', () => {
    const expectations: [string, string, string | null, number, 'hour' | 'day'][] = [
      ['01.01', '暴露垃圾', '06010', 4, 'hour'],
      ['02.01', '占道经营', '09006', 1, 'hour'],
      ['04.04', '占用消防通道', '09012', 1, 'hour'],
      ['05.01', '井盖缺失', null, 2, 'hour'],
      ['05.02', '路灯不亮', null, 2, 'day'],
      ['08.02', '飞线充电', null, 2, 'hour'],
    ];
    for (const [code, nameZh, gbCode, value, unit] of expectations) {
      expect(byCode.get(code)).toMatchObject({ nameZh, gbCode, limits: { normal: { value, unit } } });
    }
  });

  it('gives every sub-category complete limits, shorter or equal when the case is more urgent', () => {
    for (const c of subs) {
      const [normal, urgent, critical] = URGENCIES.map((u) => c.limits[u]!);
      expect(minutes(urgent!), c.code).toBeLessThanOrEqual(minutes(normal!));
      expect(minutes(critical!), c.code).toBeLessThanOrEqual(minutes(urgent!));
    }
    expect(minutes(byCode.get('01.01')!.limits.urgent!)).toBeLessThan(240);
  });

  it('asks the questions the issue names', () => {
    expect(byCode.get('05.02')!.questions[0]).toMatchObject({
      code: 'pole_number',
      type: 'text',
      required: false,
    });
    expect(byCode.get('04.04')!.questions[0]).toMatchObject({ code: 'plate', type: 'text', required: true });
    const volume = byCode.get('01.01')!.questions[0]!;
    expect(volume).toMatchObject({ type: 'single', required: true });
    expect(volume.options!.map((o) => o.labelZh)).toEqual(['少量', '较多', '大量']);
  });

  it('marks only 12.01 独居老人关爱预警 as the care alert', () => {
    expect(seed.filter((c) => c.isCareAlert).map((c) => `${c.code} ${c.nameZh}`)).toEqual([
      '12.01 独居老人关爱预警',
    ]);
  });

  it('names inspection points from the 26 测评 point types and fills the criteria of every sub-category', () => {
    expect(INSPECTION_POINT_TYPES).toHaveLength(26);
    for (const c of subs) {
      expect(c.filingCriteria, c.code).toBeTruthy();
      expect(c.closingCriteria, c.code).toBeTruthy();
      expect(c.keywords.length, c.code).toBeGreaterThan(0);
      expect(c.bucket && c.ownerUnitType, c.code).toBeTruthy();
    }
  });

  it('fails loudly on a broken seed', () => {
    const missingLimits = raw();
    delete missingLimits.categories[0].subcategories[0].limits;
    expect(() => parseCategorySeed(missingLimits)).toThrow(/categories seed is invalid[\s\S]*limits/);
    const badUnit = raw();
    badUnit.categories[0].subcategories[0].limits.normal.unit = 'week';
    expect(() => parseCategorySeed(badUnit)).toThrow(/categories seed is invalid/);
    const misplaced = raw();
    misplaced.categories[0].subcategories[0].code = '02.99';
    expect(() => parseCategorySeed(misplaced)).toThrow(/02\.99: not under 01/);
    const duplicate = raw();
    duplicate.categories[0].subcategories[1].code = '01.01';
    expect(() => parseCategorySeed(duplicate)).toThrow(/01\.01: duplicate code/);
    const noOptions = raw();
    delete noOptions.categories[0].subcategories[0].questions[0].options;
    expect(() => parseCategorySeed(noOptions)).toThrow(/a single question needs options/);
    expect(() => parseCategorySeed({ version: 2, categories: [] })).toThrow(/categories seed is invalid/);
  });
});

describe('seedCategories', () => {
  let db: Db;
  beforeAll(async () => {
    db = (await testDatabase()).db;
    await seedCategories(db);
  });

  it('fills an empty table once and leaves a filled one alone', async () => {
    expect(await seedCategories(db)).toBe(0);
    const codes = await rows<{ code: string }>(db, sql`select code from categories`);
    const stored = new Set(codes.map((r) => r.code));
    for (const c of seed) expect(stored.has(c.code), c.code).toBe(true);
  });

  it('reads a category back in the shape the API uses', async () => {
    expect(await findCategory(db, '01.01')).toEqual(byCode.get('01.01'));
    expect(await findCategory(db, '12.01')).toMatchObject({ isCareAlert: true, parentCode: '12' });
    expect(await findCategory(db, '98.98')).toBeNull();
  });

  it('lists top-level rows each followed by their sub-categories', async () => {
    const list = await listCategories(db, { activeOnly: true });
    const first = list.slice(0, 3).map((c) => c.code);
    expect(first).toEqual(['01', '01.01', '01.02']);
    const i = list.findIndex((c) => c.code === '02');
    expect(list[i - 1]!.parentCode).toBe('01');
  });
});
