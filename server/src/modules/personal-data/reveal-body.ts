import { Type } from '@sinclair/typebox';

/** The body of every reveal request: the reason, which the audit row keeps (required, not blank). */
export const RevealBody = Type.Object(
  {
    reason: Type.String({
      minLength: 2,
      maxLength: 200,
      pattern: '\\S',
      description: 'why the clear value is needed (kept in the audit log)',
    }),
  },
  { additionalProperties: false },
);
export type RevealBodyT = typeof RevealBody.static;
