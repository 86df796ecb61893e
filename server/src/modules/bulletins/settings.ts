import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';

/** How bulletins are issued: the morning time (district clock), the issuing office and the number's prefix. */
export interface BulletinSettings {
  /** HH:MM on the district clock; the day's bulletins are issued at the first sweep after it */
  time: string;
  /** 发文单位; `{district}` is replaced by the district's name */
  issuer: string;
  /** 文号 prefix: the number reads `<prefix>〔<year>〕<n>号`; `{district}` as above */
  prefix: string;
}

export const BULLETIN_SETTINGS_KEY = 'bulletin_settings';
export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  time: '08:00',
  issuer: '{district}网格化服务管理中心',
  prefix: '{district}网格通',
};

/** The settings in force: the `bulletin_settings` row over the defaults. */
export async function readBulletinSettings(db: Db): Promise<BulletinSettings> {
  const row = await one<{ value: Partial<BulletinSettings> }>(
    db,
    sql`select value from settings where key = ${BULLETIN_SETTINGS_KEY}`,
  );
  return { ...DEFAULT_BULLETIN_SETTINGS, ...(row?.value ?? {}) };
}
