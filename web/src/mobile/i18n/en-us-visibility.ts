import type { publicNoteZh } from './zh-cn-visibility.ts';

/** English strings of the publish choice; the type keeps the keys of zh-cn-visibility.ts. */
export const publicNoteEn: { publicNote: Record<keyof typeof publicNoteZh.publicNote, string> } = {
  publicNote: {
    publish: 'Show this note to the resident',
    hint: 'Off by default: unticked, only staff can read the note.',
    internalStep: 'This step is not shown on the resident’s progress page; only staff can read the note.',
    previewTitle: 'What the resident will see on the tracking page',
    previewNone: 'The resident does not see this step.',
    noteHidden: '(your note stays internal)',
    replyLater: 'The reply deadline, counted from the time limits, is added when filed.',
  },
};
