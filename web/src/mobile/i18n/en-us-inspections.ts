import type { inspectionsZh } from './zh-cn-inspections.ts';

/** The phone's inspection pages in English. */
export const inspectionsEn: typeof inspectionsZh = {
  inspections: {
    title: 'Inspections',
    tile: 'Inspections',
    tileHint: 'Morning rounds, supervision, unannounced visits, mock evaluations',
    none: 'No inspections of yours in these two weeks.',
    offlineCopy: 'Offline: showing what was loaded last; results are sent once the network is back.',
    points: '{{n}} points',
    score: 'Score {{score}}',
    state: { planned: 'Planned', in_progress: 'Under way', submitted: 'Submitted', cancelled: 'Cancelled' },
    result: { pass: 'Pass', fail: 'Fail', na: 'N/A' },
    failPhoto: 'Photo of the problem',
    failNote: 'What is wrong (optional)',
    answerAll: 'Item {{n}} has no answer yet.',
    photoNeeded: 'Item {{n}} failed: take a photo as evidence.',
    saveStop: 'Save this point',
    pendingName: 'Inspection: {{point}}',
    answered: '{{n}} items checked, {{failed}} failed',
    notVisited: 'Not yet checked',
    sent: 'Saved and sent',
    queued: 'Saved on the phone, sent when the network is back',
    pending: '{{n}} points still wait to be sent; they go out once connected, then you can submit.',
    submit: 'Submit inspection',
    submitHint:
      'Each failed item then opens a case and joins the rectification list; an unannounced visit stays hidden from the places inspected until submitted.',
    resultLine: '{{passed}} passed, {{failed}} failed',
    rectified: '{{opened}} cases opened, {{linked}} linked to open cases, all on the rectification list.',
  },
};
