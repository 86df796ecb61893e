import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../infra/db.ts';

/** The settings key the volunteers' numbers are stored under (the shared `settings` table). */
export const SETTINGS_KEY = 'volunteers';

/** The configurable numbers of points (docs/volunteers.md). */
export interface VolunteerSettings {
  /** points for one verified hour of an activity whose type has coefficient 1 */
  pointsPerHour: number;
  /** points for one case report filed as valid */
  pointsPerReport: number;
  /** how many reports a day earn points (district calendar day of the filing) */
  reportDailyCap: number;
  /** how far from the activity's place a phone may sign in or out, in metres */
  checkRadiusM: number;
}

export const DEFAULT_SETTINGS: VolunteerSettings = {
  pointsPerHour: 10,
  pointsPerReport: 5,
  reportDailyCap: 3,
  checkRadiusM: 300,
};

/** The settings in force: the stored ones over the defaults. */
export async function readVolunteerSettings(db: Db): Promise<VolunteerSettings> {
  const row = await one<{ value: Partial<VolunteerSettings> }>(
    db,
    sql`select value from settings where key = ${SETTINGS_KEY}`,
  );
  return { ...DEFAULT_SETTINGS, ...(row?.value ?? {}) };
}

export interface CategoryRow {
  code: string;
  name: string;
  nameEn: string;
  active: boolean;
}
export interface ActivityTypeRow {
  code: string;
  name: string;
  nameEn: string;
  coefficient: number;
}

/** Categories, activity types and settings: what the console's forms and the settings page show. */
export async function readVolunteerConfig(db: Db) {
  const [categories, activityTypes, settings] = await Promise.all([
    rows<CategoryRow>(
      db,
      sql`select code, name, name_en as "nameEn", active from volunteer_categories order by sort, code`,
    ),
    rows<ActivityTypeRow>(
      db,
      sql`select code, name, name_en as "nameEn", coefficient::float8 as coefficient
          from volunteer_activity_types order by sort, code`,
    ),
    readVolunteerSettings(db),
  ]);
  return { categories, activityTypes, settings };
}

/**
 * Points for verified hours: hours × the activity type's coefficient × points per hour, rounded to a whole
 * point (half up). The one place the formula lives.
 */
export function servicePoints(hours: number, coefficient: number, s: VolunteerSettings): number {
  return Math.round(hours * coefficient * s.pointsPerHour + 1e-9);
}
