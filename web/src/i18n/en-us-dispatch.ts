import type { Shape } from './shape.ts';
import type { dispatchZh } from './zh-cn-dispatch.ts';

/** English strings of the dispatcher's tools; merged into en-us.ts. */
export const dispatchEn: Shape<typeof dispatchZh> = {
  redirect: {
    unit: 'Reassign to',
    unitRequired: 'Choose another unit',
    reassignReason: 'Why reassign',
    recallReason: 'Why recall',
    counted: 'Reassigning and recalling count in the return rate, and as an inaccurate dispatch at closing.',
    newDeadline: 'New disposal deadline',
    deadlineReason: 'Why change it',
    deadlineCounted: 'A later deadline counts in the extension rate and is recorded in the timeline.',
    deadlineFuture: 'Choose a time in the future',
    referredTo: 'Refer to (outside body)',
    referredToPlaceholder: 'e.g. the city power company, the neighbouring district',
    referredToRequired: 'Name the body the case is referred to',
    referReason: 'Note on the referral',
  },
  photoPublic: {
    label: 'Show on the public map',
  },
  caseMarks: {
    rework: 'Rework',
    reworkTitle: 'Check failed or sent back by the resident: reworked {{count}} times',
  },
  search: {
    all: 'All',
    placeholder: 'Tracking code, case number, address or words of the description',
    phone: 'Caller phone',
    phonePlaceholder: 'Full mobile number',
    unit: 'Unit',
    period: 'Reported',
    saved: 'Saved filters',
    saveCurrent: 'Save these filters',
    saveName: 'Name',
    saveNameRequired: 'Give a name',
    savedDone: 'Saved “{{name}}”',
    remove: 'Delete',
    none: 'No saved filters yet',
  },
};
