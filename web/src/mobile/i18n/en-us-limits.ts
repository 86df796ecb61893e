import type { limitsZh } from './zh-cn-limits.ts';

/** English strings for a report the server could not take yet; the type keeps the keys of zh-cn-limits.ts. */
export const limitsEn: typeof limitsZh = {
  limits: {
    savedLater: 'The server cannot take it right now; saved on this phone and sent automatically in a moment',
    waitingServer: 'Will try again by itself: {{message}}',
  },
};
