import type { Shape } from './shape.ts';
import type { platesZh, visitsZh } from './zh-cn-visits.ts';

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

/** English strings of the door-plate sheet; keys in step with zh-cn-visits.ts. */
export const platesEn: Shape<typeof platesZh> = {
  plates: {
    title: 'Door plates',
    head: 'Grid service',
    grid: 'Grid: {{grid}}',
    gridCode: 'Grid number: {{code}}',
    worker: 'Grid worker: {{name}}',
    noPhone: '(no public phone)',
    noWorker: 'Grid worker: to be assigned',
    qrHint: 'Scan to report a problem here; the place is filled in',
    qrAlt: 'QR code to report at {{address}}',
    print: 'Print / save as PDF',
    count: '{{n}} plates, 4 a page',
    none: 'This grid has no buildings yet.',
    printLink: 'Print door plates',
  },
};
