import type { Shape } from './shape.ts';
import type { visitsZh } from './zh-cn-visits.ts';

/** English strings of door-to-door visits in the console; keys in step with zh-cn-visits.ts. */
export const visitsEn: Shape<typeof visitsZh> = {
  visits: {
    coverageTitle: 'Home visit coverage',
    quarter: 'Quarter',
    node: 'Area',
    households: 'Households',
    visited: 'Visited',
    coverage: 'Coverage',
    needs: 'Needs',
    toCases: 'To cases',
    replyRate: 'Replied',
    total: 'Total',
    eldersExport: 'Export residents aged 80+',
    eldersHint: 'The quarter’s 80+ list with the last visit (names and addresses masked)',
  },
};
