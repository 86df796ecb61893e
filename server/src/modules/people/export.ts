import { PEOPLE_LABELS } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Db, rows } from '../../infra/db.ts';
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/policy.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { unseal } from '../personal-data/fields.ts';
import { maskAs } from '../personal-data/mask.ts';
import { IMPORT_COLUMNS, type ImportKey } from './import/columns.ts';
import { districtToday, tagsOf } from './present-person.ts';
import { assignedTags, gridsUnder, PERSON_COLUMNS, type PersonRow, type TagRow } from './queries.ts';

/** The most persons one export holds (a whole street of the demo fits many times). */
export const EXPORT_CAP = 300_000;

interface ExportRow extends PersonRow {
  building: string;
  lng: number | null;
  lat: number | null;
  unit: string;
  floor: number | null;
  room: string;
  isRental: boolean;
}

/**
 * The archive of an org node as .xlsx, in the import template's columns plus the status, so an export read
 * back by the import changes nothing. Names, ID numbers and phones are masked unless `clear` (the route
 * checked personal.reveal there and wrote the audit row first); sensitive tags appear only where the caller
 * has people.sensitive.
 */
export async function exportArchive(
  db: Db,
  cipher: PersonalDataCipher,
  actor: Actor,
  code: string,
  tags: TagRow[],
  clear: boolean,
): Promise<{ bytes: Buffer; count: number }> {
  const found = await rows<ExportRow>(
    db,
    sql`select ${PERSON_COLUMNS}, b.address as building, ST_X(b.geom) as lng, ST_Y(b.geom) as lat, ho.unit,
          ho.floor, ho.room, ho.is_rental as "isRental"
        from persons p join org_nodes g on g.id = p.grid_id join households h on h.id = p.household_id
        join houses ho on ho.id = h.house_id join buildings b on b.id = ho.building_id
        where p.grid_id = any(${gridsUnder(sql`code like ${`${code}%`}`)})
        order by g.code, b.address, ho.unit, ho.room, p.relation <> 'head', p.id limit ${EXPORT_CAP}`,
  );
  const assigned = await assignedTags(
    db,
    found.map((p) => p.id),
  );
  const today = districtToday();
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    { header: '状态', key: 'status', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  const show = (kind: 'name' | 'idNumber' | 'phone', enc: string | null) =>
    clear ? (unseal(cipher, enc) ?? '') : (maskAs(kind, unseal(cipher, enc)) ?? '');
  for (const p of found) {
    const visible = tagsOf(p, assigned.get(p.id) ?? [], tags, can(actor, 'people.sensitive', p.code), today);
    const row: Record<ImportKey | 'status', string | number> = {
      gridCode: p.code,
      building: p.building,
      lng: p.lng ?? '',
      lat: p.lat ?? '',
      unit: p.unit,
      floor: p.floor ?? '',
      room: p.room,
      rental: p.isRental ? '是' : '否',
      name: show('name', p.nameEnc),
      relation: PEOPLE_LABELS.relation[p.relation as keyof typeof PEOPLE_LABELS.relation]?.zh ?? p.relation,
      gender: p.gender ? PEOPLE_LABELS.gender[p.gender].zh : '',
      birthDate: p.birthDate ?? '',
      idType: PEOPLE_LABELS.idType[p.idType].zh,
      idNumber: show('idNumber', p.idNumberEnc),
      phone: show('phone', p.phoneEnc),
      floating: p.floatingRegisteredOn ?? '',
      tags: visible
        .filter((t) => !t.derived)
        .map((t) => t.name)
        .join('；'),
      status: PEOPLE_LABELS.status[p.status].zh,
    };
    sheet.addRow(row);
  }
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), count: found.length };
}

/** The download's Content-Disposition: 人员档案-<code>-YYYYMMDD.xlsx with an ASCII fallback name. */
export function exportDisposition(code: string): string {
  const day = districtToday().replaceAll('-', '');
  return `attachment; filename="people-${code}-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`人员档案-${code}-${day}.xlsx`)}`;
}
