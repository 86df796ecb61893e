import { describe, expect, it } from 'vitest';
import { checkSightingsBody, isDateTime, MAX_BATCH } from './sightings-body.ts';

describe('isDateTime: the schema format date-time, checked by hand', () => {
  it.each([
    '2026-12-02T14:00:00Z',
    '2026-12-02T14:00:00.123Z',
    '2026-12-02t14:00:00z',
    '2026-12-02 14:00:00+08:00',
    '2026-12-02T14:00:00+0800',
    '2026-12-02T14:00:00-05',
    '2024-02-29T00:00:00Z',
    '2016-12-31T23:59:60Z',
    '2017-01-01T07:59:60+08:00',
  ])('accepts %s', (s) => expect(isDateTime(s)).toBe(true));

  it.each([
    '2026-12-02',
    '2026-12-02T14:00:00',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-12-02T24:00:00Z',
    '2026-12-02T14:60:00Z',
    '2026-12-02T14:00:60Z',
    '2026-12-02T14:00:00+24:00',
    '2026-12-02T14:00:00.Z',
    '2026-12-02T14:00:00Z ',
    '1764684000000',
  ])('refuses %s', (s) => expect(isDateTime(s)).toBe(false));
});

describe('checkSightingsBody', () => {
  const time = '2026-12-02T14:00:00.000Z';

  it('returns the items of a well-formed batch as they are', () => {
    const sightings = Array.from({ length: MAX_BATCH }, (_, i) => ({ ref: `R${i}`, time }));
    expect(checkSightingsBody({ sightings })).toBe(sightings);
  });

  const problemsOf = (body: unknown) => {
    try {
      checkSightingsBody(body);
    } catch (e) {
      return (e as { status: number; details: { field: string; message: { en: string } }[] }).details.map(
        (d) => `${d.field}: ${d.message.en}`,
      );
    }
    return [];
  };

  it('refuses what the schema refused, field by field', () => {
    expect(problemsOf(null)).toEqual(['body: must be an object']);
    expect(problemsOf({})).toEqual(['body/sightings: is required']);
    expect(problemsOf({ sightings: {}, more: 1 })).toEqual([
      'body/more: is not an accepted field',
      'body/sightings: must be a list',
    ]);
    expect(
      problemsOf({ sightings: Array.from({ length: MAX_BATCH + 1 }, () => ({ ref: 'A', time })) }),
    ).toEqual(['body/sightings: must have at most 500 items']);
    expect(
      problemsOf({
        sightings: [{ ref: 'A', time }, 'x', { ref: 7, time: 7 }, { ref: 'x'.repeat(65), time }],
      }),
    ).toEqual([
      'body/sightings/1: must be an object',
      'body/sightings/2/ref: must be a string',
      'body/sightings/2/time: must be a string',
      'body/sightings/3/ref: has the wrong format',
    ]);
  });
});
