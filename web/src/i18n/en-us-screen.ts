import type { screenZh } from './zh-cn-screen.ts';

/** English strings of the big screen; merged into en-us.ts. */
export const screenEn: typeof screenZh = {
  screen: {
    nav: 'Big screen',
    open: 'Big screen',
    title: 'City operations at a glance',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    fullscreen: 'Full screen',
    exit: 'Leave big screen',
    up: 'Up one level',
    figures: 'Performance figures',
    cases: 'Case activity',
    mapLabel: 'Live case map: new and changed cases appear as they happen; click an area to drill down',
    livePoints: 'Live cases (new ones pulse)',
    recent: 'Newest cases',
    overdue: 'Overdue cases',
    noCases: 'No cases',
    noGrid: 'No grid',
    inspections: 'Inspections and rectification',
    inspectionsHeld: 'Inspections done',
    itemsFailed: 'Failed items',
    care: 'Care watch',
    watched: 'Watched',
    openAlerts: 'Open alerts',
    unseen: 'Unseen too long',
    devices: 'Care devices',
    devicesAll: 'Devices',
  },
};
