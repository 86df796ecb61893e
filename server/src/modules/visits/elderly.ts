import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Db, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeCondition } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskAs } from '../personal-data/mask.ts';
import { ageOn, isResident } from './ages.ts';
import { HOUSEHOLD_BUILDING } from './location.ts';
import type { Quarter } from './quarter.ts';

/** One resident aged 80 or more (高龄补贴认定), masked, with their household's last visit. */
export interface ElderRow {
  personId: number;
  householdId: number;
  name: string | null;
  gender: 'M' | 'F' | null;
  age: number;
  gridCode: string;
  gridName: string;
  /** the building's public address */
  building: string;
  address: string | null;
  lastVisitAt: Date | null;
  visitedInQuarter: boolean;
}

/** The most rows the list and the export hold; the export says so in a last row. */
export const ELDER_EXPORT_CAP = 50_000;

/**
 * The residents aged 80 or more in the quarter (age reached in the quarter's year) under an org code, within
 * the caller's `people.read` scope, with the last visit of their household. Names and addresses are masked:
 * the list is for planning visits, and its export leaves the phone or the office as a file.
 */
export async function listElders(
  db: Db,
  actor: Actor,
  cipher: PersonalDataCipher,
  o: { org: string; quarter: Quarter; limit: number; offset: number; notVisited?: boolean },
): Promise<ElderRow[]> {
  // 80 or more by the quarter's last day, on the district's calendar
  const lastDay = sql`(${o.quarter.end}::timestamptz at time zone 'Asia/Shanghai' - interval '1 day')`;
  const where: SQL[] = [
    scopeCondition(actor, 'people.read', sql`g.code`),
    sql`g.code like ${`${o.org}%`}`,
    sql`${ageOn(sql`p`, lastDay)} >= 80`,
    isResident(sql`p`),
  ];
  if (o.notVisited) where.push(sql`not coalesce(lv.in_q, false)`);
  const found = await rows<
    Omit<ElderRow, 'name' | 'address'> & { nameEnc: string | null; addressEnc: string | null }
  >(
    db,
    sql`select p.id as "personId", h.id as "householdId", p.name_enc as "nameEnc", p.gender,
          ${ageOn(sql`p`, lastDay)} as age,
          g.code as "gridCode", g.name as "gridName", b.address as building, h.address_enc as "addressEnc",
          lv.last_at as "lastVisitAt", coalesce(lv.in_q, false) as "visitedInQuarter"
        from persons p join households h on h.id = p.household_id join org_nodes g on g.id = h.grid_id
          ${HOUSEHOLD_BUILDING}
          left join lateral (select max(visited_at) as last_at,
              bool_or(visited_at >= ${o.quarter.start} and visited_at < ${o.quarter.end}) as in_q
            from visits where household_id = h.id) lv on true
        where ${sql.join(where, sql` and `)}
        order by g.code, h.id, p.id limit ${o.limit} offset ${o.offset}`,
  );
  return found.map(({ nameEnc, addressEnc, ...r }) => ({
    ...r,
    // in clear on screen within the people.read scope, as in the archive; the .xlsx masks it
    name: unseal(cipher, nameEnc),
    address: maskAs('address', unseal(cipher, addressEnc)),
  }));
}

// Excel has no time zones: a cell shows the serial it holds, so times are shifted to the district's clock.
const local = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000) : null);
const GENDER_ZH = { M: '男', F: '女' } as const;

/** The quarter's 80+ list as an .xlsx (Chinese headers, masked names and addresses). */
export async function eldersWorkbook(list: ElderRow[], quarter: Quarter, capped: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`高龄老人${quarter.name}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '姓名', width: 10 },
    { header: '性别', width: 6 },
    { header: '年龄', width: 6 },
    { header: '网格', width: 18 },
    { header: '楼栋', width: 14 },
    { header: '住址', width: 28 },
    { header: '最近走访', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: `本季度(${quarter.name})已走访`, width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of list) {
    sheet.addRow([
      // a file leaves the archive: masked, as the archive's own export is without a reveal
      maskAs('name', r.name),
      r.gender ? GENDER_ZH[r.gender] : null,
      r.age,
      r.gridName,
      r.building,
      r.address,
      local(r.lastVisitAt),
      r.visitedInQuarter ? '是' : '否',
    ]);
  }
  if (capped) sheet.addRow([`已达导出上限 ${ELDER_EXPORT_CAP} 行，请按社区或网格分批导出。`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
