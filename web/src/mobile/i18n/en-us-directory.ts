import type { directoryZh } from './zh-cn-directory.ts';

/** English strings of the 便民 directory on the phone pages. */
export const directoryEn: typeof directoryZh = {
  directory: {
    title: 'Local services',
    tile: 'Local services',
    tileHint: 'Housekeeping, clinics, shops and jobs nearby',
    intro:
      'Services near you collected by the community, nearest first. Phones are the businesses’ public numbers.',
    noLocation: 'Your position is not available; distances are from the district centre.',
    locating: 'Finding your position…',
    search: 'Search by name, address or service',
    kinds: 'Kind of service',
    all: 'All',
    empty: 'No such service nearby.',
    distance: '{{m}} m',
    hours: 'Hours: {{hours}}',
    call: 'Call {{phone}}',
  },
};
