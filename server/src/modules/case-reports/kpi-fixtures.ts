import type { Tenant } from '../../../test/factories.ts';
import type { Db } from '../../infra/db.ts';
import { insertCase } from './test-fixtures.ts';

// March 2024 on the district's clock; every time below is +08:00.
export const d = (day: string, hour = 10) => `2024-${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
export const MARCH = 'from=2024-03-01&to=2024-03-31';

/**
 * Ten cases in community 1-1 (grids 0 and 1) whose counters give hand-computed KPIs for March 2024, plus one
 * case in the sibling community 1-2. The comment on each says why it counts where it does.
 */
export async function seedMarch(db: Db, t: Tenant, otherUnit: number): Promise<void> {
  const unitId = t.unitId;
  const dispatched = { unitId, cValid: 1, cIntimeDispatch: 1 };
  // 1: disposed and closed on time, satisfied
  await insertCase(db, t, {
    ...dispatched,
    state: 'closed',
    reportedAt: d('03-01'),
    dispatchedAt: d('03-01', 11),
    deadlineAt: d('03-05'),
    disposedAt: d('03-03'),
    cDisposed: 1,
    cIntimeDispose: 1,
    closedAt: d('03-04'),
    cIntimeClose: 1,
    cChecked: 1,
    cAccurateDispatch: 1,
    rating: 'satisfied',
    ratedAt: d('03-05'),
    handlingMinutes: 600,
  });
  // 2: first sent to the wrong unit and returned; disposed and closed late; failed a check; dissatisfied
  await insertCase(db, t, {
    ...dispatched,
    grid: 1,
    firstUnitId: otherUnit,
    cIntimeDispatch: 0,
    state: 'closed',
    reportedAt: d('03-02'),
    dispatchedAt: d('03-02', 11),
    deadlineAt: d('03-06'),
    disposedAt: d('03-08'),
    cDisposed: 1,
    cIntimeDispose: 0,
    closedAt: d('03-09'),
    cIntimeClose: 0,
    cChecked: 1,
    cRework: 1,
    cReturned: 1,
    cAccurateDispatch: 0,
    rating: 'dissatisfied',
    ratedAt: d('03-10'),
    handlingMinutes: 1200,
  });
  // 3: deadline passed in March, not disposed; extended once
  await insertCase(db, t, {
    ...dispatched,
    state: 'dispatched',
    reportedAt: d('03-15'),
    dispatchedAt: d('03-15', 11),
    deadlineAt: d('03-20'),
    cExtended: 1,
  });
  // 4: disposed on time, waiting for the check
  await insertCase(db, t, {
    ...dispatched,
    state: 'pending_check',
    category: '99.02',
    reportedAt: d('03-16'),
    dispatchedAt: d('03-16', 11),
    deadlineAt: d('03-25'),
    disposedAt: d('03-18'),
    cDisposed: 1,
    cIntimeDispose: 1,
  });
  // 5: disposed on time but closed after the deadline; basically satisfied
  await insertCase(db, t, {
    ...dispatched,
    state: 'closed',
    category: '99.02',
    reportedAt: d('03-20'),
    dispatchedAt: d('03-20', 11),
    deadlineAt: d('03-22'),
    disposedAt: d('03-21'),
    cDisposed: 1,
    cIntimeDispose: 1,
    closedAt: d('03-23'),
    cIntimeClose: 0,
    cChecked: 1,
    cAccurateDispatch: 1,
    rating: 'basic',
    ratedAt: d('03-24'),
    handlingMinutes: 900,
  });
  // 6: rejected as not substantiated
  await insertCase(db, t, {
    state: 'rejected',
    source: 'resident',
    category: '98.01',
    reportedAt: d('03-05'),
    cValid: 0,
  });
  // 7: not yet decided
  await insertCase(db, t, {
    state: 'reported',
    source: 'resident',
    category: '98.01',
    reportedAt: d('03-28'),
  });
  // 8: its deadline is in April, so it is not due in March
  await insertCase(db, t, {
    ...dispatched,
    state: 'dispatched',
    source: 'resident',
    category: '98.01',
    reportedAt: d('03-29'),
    dispatchedAt: d('03-29', 11),
    deadlineAt: d('04-03'),
  });
  // 9: reported, dispatched and due in February, closed (late) in March
  await insertCase(db, t, {
    ...dispatched,
    state: 'closed',
    reportedAt: d('02-20'),
    dispatchedAt: d('02-20', 11),
    deadlineAt: d('02-25'),
    disposedAt: d('02-24'),
    cDisposed: 1,
    cIntimeDispose: 1,
    closedAt: d('03-02'),
    cIntimeClose: 0,
    cChecked: 1,
    cAccurateDispatch: 1,
    handlingMinutes: 3000,
  });
  // 10: suspended (挂账) before its deadline, after a return
  await insertCase(db, t, {
    ...dispatched,
    state: 'suspended',
    source: 'hotline',
    category: '98.01',
    reportedAt: d('03-08'),
    dispatchedAt: d('03-08', 11),
    deadlineAt: d('03-12'),
    cReturned: 1,
  });
  // 11: the sibling community 1-2 (grid 2)
  await insertCase(db, t, {
    ...dispatched,
    grid: 2,
    state: 'closed',
    reportedAt: d('03-03'),
    dispatchedAt: d('03-03', 11),
    deadlineAt: d('03-07'),
    disposedAt: d('03-04'),
    cDisposed: 1,
    cIntimeDispose: 1,
    closedAt: d('03-05'),
    cIntimeClose: 1,
    cChecked: 1,
    cAccurateDispatch: 1,
    handlingMinutes: 100,
  });
}
