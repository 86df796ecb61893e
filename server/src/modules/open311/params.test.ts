import { describe, expect, it } from 'vitest';
import { listParam, param, parseRequestQuery, parseW3c, splitFormat } from './params.ts';
import { parseForm } from './post-body.ts';
import { Open311Error } from './respond.ts';

const now = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

describe('request parameters', () => {
  it('treats an empty parameter as absent and joins repeated ones', () => {
    expect(param({ a: '' }, 'a')).toBeUndefined();
    expect(param({ a: '  ' }, 'a')).toBeUndefined();
    expect(listParam({ s: 'open,,closed,' }, 's')).toEqual(['open', 'closed']);
    expect(listParam({ s: ['05.02', '', '05.03'] }, 's')).toEqual(['05.02', '05.03']);
    expect(listParam({ s: ',' }, 's')).toBeUndefined();
  });

  it('reads W3C date-times with a zone, and bare dates as the start of a China day', () => {
    expect(parseW3c('2010-01-01T00:00:00Z', 'start_date').toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3c('2010-01-01T08:00+08:00', 'start_date').toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3c('2010-01-01T00:00:00.250-05:00', 'x').toISOString()).toBe('2010-01-01T05:00:00.250Z');
    expect(parseW3c('2024-02-29', 'x').toISOString()).toBe('2024-02-28T16:00:00.000Z');
    for (const bad of ['2010-01-01T00:00:00', '2023-02-29', '2024-13-01', '01/02/2024', 'today']) {
      expect(() => parseW3c(bad, 'x'), bad).toThrow(Open311Error);
    }
  });

  it('takes dates between 1970 and 9999 only, and keeps a window reaching past 9999 inside it', () => {
    for (const bad of [
      '0000-01-01',
      '0001-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '9999-12-31T23:59:59-01:00',
    ]) {
      const refusal = (() => {
        try {
          parseW3c(bad, 'start_date');
        } catch (e) {
          return e as Open311Error;
        }
      })();
      expect(refusal?.problems[0]?.detail, bad).toEqual({
        zh: 'start_date 须在 1970 年至 9999 年之间',
        en: 'start_date must lie between the years 1970 and 9999',
      });
    }
    expect(parseW3c('1970-01-01T00:00:00Z', 'x').getTime()).toBe(0);
    const q = parseRequestQuery({ start_date: '9999-12-01T00:00:00Z' }, now);
    expect('filter' in q && q.filter.end.toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });

  it('defaults to the last 90 days and the full page', () => {
    const q = parseRequestQuery({}, now);
    expect(q).toEqual({
      extensions: false,
      filter: { start: new Date(now.getTime() - 90 * DAY), end: now, page: 1, pageSize: 1000 },
    });
  });

  it('extends one given end by 90 days and caps page_size at 1,000', () => {
    const q = parseRequestQuery({ start_date: '2026-01-01T00:00:00Z', page_size: '5000' }, now);
    expect('filter' in q && q.filter.end.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect('filter' in q && q.filter.pageSize).toBe(1000);
    const e = parseRequestQuery({ end_date: '2026-01-01T00:00:00Z' }, now);
    expect('filter' in e && e.filter.start.toISOString()).toBe('2025-10-03T00:00:00.000Z');
  });

  it('refuses a span over 90 days with a 400', () => {
    const err = (() => {
      try {
        parseRequestQuery({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' }, now);
      } catch (e) {
        return e as Open311Error;
      }
    })();
    expect(err?.status).toBe(400);
  });

  it('lets service_request_id override the filters, deduplicated', () => {
    expect(
      parseRequestQuery({ service_request_id: '3,1,3', status: 'bogus', extensions: 'TRUE' }, now),
    ).toEqual({
      extensions: true,
      ids: [3, 1],
    });
  });

  it('splits the format off a path segment', () => {
    expect(splitFormat('05.02.json')).toEqual({ name: '05.02', format: 'json' });
    expect(splitFormat('CG2601-ABCDEF.xml')).toEqual({ name: 'CG2601-ABCDEF', format: 'xml' });
    expect(splitFormat('05.02')).toBeNull();
    expect(splitFormat('.json')).toBeNull();
  });
});

describe('the POST form', () => {
  it('reads attribute[CODE] as a value and attribute[CODE][] or repeats as a list', () => {
    const f = parseForm(
      'api_key=k&description=%E8%B7%AF%E7%81%AF+%E4%B8%8D%E4%BA%AE&attribute%5Bplate%5D=%E8%B1%ABP&attribute[kind][]=a&attribute[kind][]=b&attribute[x]=1&attribute[x]=2&api_key=second',
    );
    expect(f.fields).toEqual({ api_key: 'k', description: '路灯 不亮' });
    expect(f.attributes).toEqual({ plate: '豫P', kind: ['a', 'b'], x: ['1', '2'] });
  });
});
