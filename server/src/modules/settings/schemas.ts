import { Type } from '@sinclair/typebox';
import { TimeLimitSchema } from '../categories/schemas.ts';

/** The stages before and after disposal whose working-time limits administrators set (PRODUCT §3). */
export const STAGES = ['accept', 'dispatch', 'sign', 'check', 'report_in'] as const;

export const StageLimitsSchema = Type.Object(
  Object.fromEntries(STAGES.map((s) => [s, TimeLimitSchema])) as Record<
    (typeof STAGES)[number],
    typeof TimeLimitSchema
  >,
  { additionalProperties: false },
);

/** The workflow settings of the console's settings page, each with its bounds. */
export const WorkflowSettingsFields = {
  stageLimits: StageLimitsSchema,
  /** days after closure in which the reporter may rate or send the case back */
  ratingWindowDays: Type.Integer({ minimum: 1, maximum: 90 }),
  /** a case sent back this many times is raised to red supervision (提级督办) */
  reopenEscalationThreshold: Type.Integer({ minimum: 1, maximum: 20 }),
  /** how many days back an open case of the same category nearby is suggested as a duplicate */
  duplicateWindowDays: Type.Integer({ minimum: 1, maximum: 90 }),
};

export const WorkflowSettingsSchema = Type.Object(WorkflowSettingsFields, { additionalProperties: false });
export type WorkflowSettings = typeof WorkflowSettingsSchema.static;

/** The row of the settings table behind each field, and its value when the row is missing. */
export const SETTING_KEYS: { [K in keyof WorkflowSettings]: { key: string; fallback: WorkflowSettings[K] } } =
  {
    stageLimits: {
      key: 'stage_limits',
      fallback: {
        accept: { value: 1, unit: 'hour' },
        dispatch: { value: 1, unit: 'hour' },
        sign: { value: 1, unit: 'hour' },
        check: { value: 4, unit: 'hour' },
        report_in: { value: 2, unit: 'hour' },
      },
    },
    ratingWindowDays: { key: 'rating_window_days', fallback: 7 },
    reopenEscalationThreshold: { key: 'reopen_escalation_threshold', fallback: 3 },
    duplicateWindowDays: { key: 'duplicate_window_days', fallback: 7 },
  };
