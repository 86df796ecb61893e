import type { Shape } from './shape.ts';
import type { personalZh } from './zh-cn-personal.ts';

/** English strings of personal data; keys in step with zh-cn-personal.ts. */
export const personalEn: Shape<typeof personalZh> = {
  personal: {
    reveal: 'Show',
    revealContact: 'Show contact',
    revealTitle: 'Show personal data',
    revealWhat: 'This shows: {{what}}',
    reason: 'Reason',
    reasonPlaceholder: 'e.g. call back to confirm the situation on site',
    reasonRequired: 'Give the reason (at least 2 characters)',
    recordedNote: 'This reveal is recorded in the audit log with your reason, the time and your account.',
    confirm: 'Show',
    revealed: 'Shown in full; this reveal is recorded in the audit log.',
    recorded: 'recorded',
    masked: 'masked',
    withheld: 'Reporter hidden',
    withheldHint: 'Show only when handling needs it (e.g. to enter a flat), with a reason.',
    account: 'reported from a resident account',
    fields: { name: 'name', phone: 'phone', idNumber: 'ID number', address: 'address', email: 'e-mail' },
    subjects: { reporter: 'reporter', person: 'resident' },
    via: { scope: 'area permission', unit: 'needed by the handling unit' },
    audit: {
      summary: 'Showed the {{fields}} of the {{subject}}',
      reason: 'Reason: {{reason}}',
      via: 'Right: {{via}}',
      onlyReveals: 'Only personal-data reveals',
    },
  },
};
