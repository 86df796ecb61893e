import { Type } from '@sinclair/typebox';
import { BULLETIN_SETTINGS_KEY, DEFAULT_BULLETIN_SETTINGS } from '../bulletins/settings.ts';

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

/** The settings of the supervision rhythm an administrator edits on one console page. */
export const SupervisionSettingsFields = {
  /** when the day's bulletins are issued, by whom, and the 文号 prefix (bulletins/settings.ts) */
  bulletin: Type.Object(
    {
      time: Clock,
      issuer: Type.String({ minLength: 1, maxLength: 60 }),
      prefix: Type.String({ minLength: 1, maxLength: 30 }),
    },
    { additionalProperties: false },
  ),
  /** the standing 晨查 plan: on or off, its start time, and the point types walked (none listed: all) */
  morning: Type.Object(
    {
      enabled: Type.Boolean(),
      time: Clock,
      pointTypeIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 50 }),
    },
    { additionalProperties: false },
  ),
  /** calendar days from an inspection's submission to its rectification rows' deadline */
  rectificationDays: Type.Integer({ minimum: 1, maximum: 60 }),
};

export const SupervisionSettingsSchema = Type.Object(SupervisionSettingsFields, {
  additionalProperties: false,
});
export type SupervisionSettings = typeof SupervisionSettingsSchema.static;
export type MorningSettings = SupervisionSettings['morning'];

/** The row of the settings table behind each field, and its value when the row is missing. */
export const SUPERVISION_KEYS: {
  [K in keyof SupervisionSettings]: { key: string; fallback: SupervisionSettings[K] };
} = {
  bulletin: { key: BULLETIN_SETTINGS_KEY, fallback: DEFAULT_BULLETIN_SETTINGS },
  morning: { key: 'morning_inspection', fallback: { enabled: true, time: '06:00', pointTypeIds: [] } },
  rectificationDays: { key: 'rectification_days', fallback: 3 },
};
