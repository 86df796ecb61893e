import type { Shape } from './shape.ts';
import type { visibilityZh } from './zh-cn-visibility.ts';

/** English strings of public vs internal; the type keeps the keys in step with zh-cn-visibility.ts. */
export const visibilityEn: Shape<typeof visibilityZh> = {
  visibility: {
    publish: 'Show this note to the resident',
    publishHint: 'Off by default: unticked, only staff can read the note.',
    internalStep: 'This step is not shown on the resident’s progress page; only staff can read the note.',
    previewTitle: 'What the resident will see on the tracking page',
    previewNone: 'The resident does not see this step.',
    noteHidden: '(your note stays internal)',
    noteEmpty: '(no note written)',
    replyLater: 'The reply deadline, counted from the time limits, is added when filed.',
    public: 'Public',
    internal: 'Internal',
    notePublic: 'Note public',
    noteInternal: 'Note internal',
  },
};
