import type { Shape } from './shape.ts';
import type { fmsZh } from './zh-cn-fms.ts';

/** English strings of Open311 for FixMyStreet on the case page; merged into en-us.ts. */
export const fmsEn: Shape<typeof fmsZh> = {
  open311Fms: {
    email: 'E-mail',
    answerIssuesTitle: 'Answers sent through Open311 failed their checks',
    answerIssuesHint:
      'These answers are kept as sent, outside the case’s answers: check them and correct them in a note.',
    answerIssue: '{{question}}: “{{value}}” ({{problem}})',
    problems: {
      number: 'not a number',
      atLeast: 'below {{n}}',
      atMost: 'above {{n}}',
      tooLong: 'over {{n}} characters',
      option: 'not one of the options',
      unknown: 'not a question of this category',
    },
  },
};
