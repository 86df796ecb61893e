import type { Me } from '../types.ts';

// who walks inspections on the phone (inspection.run): leaders, inspectors (督查员), district administrators
const RUNNERS: readonly string[] = ['leader', 'inspector', 'district_admin'];

/** True when the user runs inspections, so the phone offers them their inspections. */
export function runsInspections(me: Pick<Me, 'grants'> | null | undefined): boolean {
  return me?.grants.some((g) => RUNNERS.includes(g.role)) ?? false;
}
