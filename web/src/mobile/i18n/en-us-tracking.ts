import type { trackingZh } from './zh-cn-tracking.ts';

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

/** English strings of following a case, the reporter check and case numbers; keys as zh-cn-tracking.ts. */
export const trackingEn: Widen<typeof trackingZh> = {
  follow: {
    button: 'Follow this problem',
    following: 'Following…',
    sheetHint:
      'Following lets you see how this problem is being handled. Only the person who reported it can rate or reopen it.',
    anonymousHint: 'No login needed: what you follow is kept on this phone.',
    suggestionMeta: '{{m}} m away · reported {{date}}',
    followedTitle: 'You follow this problem',
    followedText: 'See its progress any time under “Problems I follow” on the home page.',
    viewProgress: 'See progress',
    listTitle: 'Problems I follow',
    listEmpty:
      'You follow no problems yet. When a similar problem was already reported nearby, you can follow it.',
    title: 'Followed problem',
    readOnly:
      'You follow this problem and can see its progress; rating and reopening are up to the person who reported it.',
    unfollow: 'Stop following',
    unfollowConfirm: 'Stop following this problem?',
    notFound: 'This follow was not found; it may have been removed.',
    followedAt: 'Followed {{date}}',
  },
  reporterCheck: {
    contactHint: 'If you leave a phone number, it is checked later when you rate or reopen the report.',
    phoneLabel: 'Phone number given with the report',
    phoneHint:
      'So that nobody else can use your tracking code, enter the phone number you gave with the report.',
    needPhone: 'Enter the phone number you gave with the report.',
    mismatch: 'This is not the phone number given with the report. Check it and try again.',
  },
  caseNumber: 'Case {{id}}',
};
