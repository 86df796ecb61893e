import type { dispatchZh } from './zh-cn-dispatch.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of the phone pages added with the dispatcher and nearby-reports work. */
export const dispatchEn: Shape<typeof dispatchZh> = {
  stateCheckPassed: 'Awaiting closing',
  rework: 'Rework',
  recentRate: 'Resolved: please rate how it was handled',
  myStep: {
    check: 'Check due: ',
    verify: 'On-site check due: ',
  },
  nearby: {
    title: 'Reports nearby',
    tile: 'Reports nearby',
    tileHint: 'See what neighbours have already reported',
    intro:
      'These problems have been reported and are being handled or were just resolved. If yours is among them, there is no need to report it again.',
    locating: 'Finding your position…',
    noLocation:
      'Your position is not available; showing the district centre. Move the map to look elsewhere.',
    empty: 'No public reports within 1 km yet.',
    distance: 'about {{m}} m',
    reportedAt: 'reported {{date}}',
    closedAt: 'resolved {{date}}',
    refresh: 'Show reports around the map centre',
    mapLabel: 'Map of reports nearby',
    reportNew: 'Report a new problem',
    photo: 'Photo',
  },
  place: {
    grid: 'Grid',
    navigate: 'Navigate there',
    map: 'Location map',
  },
};
