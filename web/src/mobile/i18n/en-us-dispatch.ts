import type { dispatchZh } from './zh-cn-dispatch.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of the phone pages added with the dispatcher and nearby-reports work. */
export const dispatchEn: Shape<typeof dispatchZh> = {
  stateCheckPassed: 'Awaiting closing',
  rework: 'Rework',
  myStep: {
    check: 'Check due: ',
    verify: 'On-site check due: ',
  },
  place: {
    grid: 'Grid',
    navigate: 'Navigate there',
    map: 'Location map',
  },
};
