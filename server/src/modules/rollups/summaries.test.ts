import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.ts';
import { createTenant, type Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { windowOf } from '../case-reports/kpi-definitions.ts';
import { caseKpis } from '../case-reports/kpis.ts';
import { periodOf } from '../case-reports/period.ts';
import { insertCase } from '../case-reports/test-fixtures.ts';
import { refreshRollups } from './commands/refresh-rollups.ts';
import { rollupPlan } from './queries.ts';

let db: Db;
let t: Tenant;
const NOW = new Date('2023-05-02T00:00:00+08:00');
const march = periodOf('2023-03-01', '2023-03-31');

beforeAll(async () => {
  db = (await testDatabase()).db;
  t = await createTenant(db);
  // several cases alike on one day and on two days of the month: summary rows that count more than one case,
  // summed from day to month
  const alike = {
    state: 'closed',
    category: '99.01',
    source: 'resident',
    closedAt: '2023-03-09T16:00:00+08:00',
    handlingMinutes: 240,
  };
  for (const day of ['05', '05', '05', '20', '20'])
    await insertCase(db, t, { ...alike, reportedAt: `2023-03-${day}T09:00:00+08:00` });
  await insertCase(db, t, { ...alike, reportedAt: '2023-03-21T09:00:00+08:00', handlingMinutes: 600 });
  for (let i = 0; i < 2000 && (await refreshRollups(db, NOW)) > 0; i++);
});

describe('district and street summaries', () => {
  it('answer a whole month as the cases do, counting alike cases as many', async () => {
    for (const org of [t.district.code, t.streets[0]!.code]) {
      const plan = await rollupPlan(db, { org }, windowOf(march, NOW));
      expect(plan.months).toEqual(['2023-03-01']);
      const k = await caseKpis(db, { org }, march, NOW, 'rollups');
      expect(k).toEqual(await caseKpis(db, { org }, march, NOW, 'raw'));
      expect(k.counts.bySource.resident).toBe(6);
      expect(k.counts.byState.closed).toBe(6);
      expect(k.handlingSample).toBe(6);
      expect(k.medianHandlingHours).toBe(4);
    }
  });

  it('answer days of a month to date from day summaries', async () => {
    const period = periodOf('2023-03-04', '2023-03-20');
    const plan = await rollupPlan(db, { org: t.district.code }, windowOf(period, NOW));
    expect(plan.months).toEqual([]);
    expect(plan.days).toContain('2023-03-05');
    const k = await caseKpis(db, { org: t.district.code }, period, NOW, 'rollups');
    expect(k).toEqual(await caseKpis(db, { org: t.district.code }, period, NOW, 'raw'));
    expect(k.counts.reported).toBe(5);
  });
});
