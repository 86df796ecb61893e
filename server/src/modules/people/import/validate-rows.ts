import {
  type Gender,
  ID_PROBLEM_LABELS,
  type IdType,
  idDocumentProblem,
  isCalendarDate,
  isPhone,
  normaliseIdNumber,
  type Relation,
} from '@civicgrid/shared';
import { codeOfLabel, IMPORT_COLUMNS, type RawRow, splitTags } from './columns.ts';

/** A row that passed the checks of its own: clear values, codes resolved. */
export interface ImportPerson {
  row: number;
  gridId: number;
  gridCode: string;
  building: string;
  lng: number | null;
  lat: number | null;
  unit: string;
  floor: number | null;
  room: string;
  rental: boolean;
  name: string;
  relation: Relation;
  gender: Gender;
  birthDate: string;
  idType: IdType;
  idNumber: string | null;
  phone: string | null;
  floating: string | null;
  tagIds: number[];
}

/** What the row checks need to know of the archive and the caller. */
export interface RowContext {
  /** grids the caller may manage, by code */
  grids: Map<string, { id: number; code: string }>;
  /** tag name → id and whether the caller may set it at a grid code */
  tags: Map<string, { id: number; sensitive: boolean; derived: string | null }>;
  sensitiveAt: (gridCode: string) => boolean;
}

/** A row that failed, with every reason (Chinese: the report is read by the office that filled the sheet). */
export interface RowError {
  row: number;
  reasons: string[];
  /** the household the row names (grid code, building, unit, room), so its other rows are refused too */
  household?: string;
}

const DATE_SERIAL = /^\d{5}(\.\d+)?$/;

/** A date cell as YYYY-MM-DD: typed text (1956-03-07, 1956/3/7, 1956.3.7, 19560307) or an Excel serial. */
export function dateText(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (DATE_SERIAL.test(v)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(v)) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return 'invalid';
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Checks one row on its own (required fields, codes, dates, phone, GB 11643, tags, scope). */
export function validateRow(r: RawRow, ctx: RowContext): ImportPerson | RowError {
  const reasons: string[] = [];
  for (const c of IMPORT_COLUMNS)
    if (c.required && !r[c.key].trim()) reasons.push(`缺少必填项「${c.header}」`);
  const grid = ctx.grids.get(r.gridCode.trim());
  if (r.gridCode.trim() && !grid) reasons.push('网格编码不存在，或不在您的管辖范围内');
  const relation = codeOfLabel('relation', r.relation) as Relation | null;
  if (r.relation.trim() && !relation) reasons.push(`与户主关系「${r.relation}」无法识别`);
  const gender = codeOfLabel('gender', r.gender) as Gender | null;
  if (r.gender.trim() && !gender) reasons.push(`性别「${r.gender}」无法识别（男/女）`);
  const birthDate = dateText(r.birthDate);
  if (birthDate && !isCalendarDate(birthDate)) reasons.push('出生日期无效');
  const floating = dateText(r.floating);
  if (floating && !isCalendarDate(floating)) reasons.push('流动人口登记日期无效');
  const idType = (r.idType.trim() ? codeOfLabel('idType', r.idType) : 'id_card') as IdType | null;
  if (!idType) reasons.push(`证件类型「${r.idType}」无法识别`);
  const idNumber = r.idNumber.trim() ? normaliseIdNumber(r.idNumber) : null;
  if (idNumber && idType && gender && birthDate && isCalendarDate(birthDate)) {
    const problem = idDocumentProblem(idType, idNumber, { birthDate, gender });
    if (problem) reasons.push(ID_PROBLEM_LABELS[problem].zh);
  }
  const phone = r.phone.trim() || null;
  if (phone && !isPhone(phone)) reasons.push('联系电话格式不正确');
  const [lng, lat] = [r.lng.trim(), r.lat.trim()].map((v) => (v ? Number(v) : null));
  if ((lng !== null) !== (lat !== null) || [lng, lat].some((v) => v !== null && !Number.isFinite(v)))
    reasons.push('楼栋经纬度须同时填写且为数字');
  const floor = r.floor.trim() ? Number(r.floor) : null;
  if (floor !== null && !Number.isInteger(floor)) reasons.push('楼层须为整数');
  const tagIds: number[] = [];
  for (const name of splitTags(r.tags)) {
    const tag = ctx.tags.get(name);
    if (!tag) reasons.push(`标签「${name}」不存在`);
    else if (tag.derived)
      continue; // 80岁以上 and 流动人口 follow from the dates; listing them is harmless
    else if (tag.sensitive && grid && !ctx.sensitiveAt(grid.code)) reasons.push(`您无权设置标签「${name}」`);
    else tagIds.push(tag.id);
  }
  if (reasons.length || !grid || !relation || !gender || !birthDate || !idType) {
    const household = [r.gridCode, r.building, r.unit, r.room].map((v) => v.trim()).join('|');
    return { row: r.row, reasons, household };
  }
  return {
    row: r.row,
    gridId: grid.id,
    gridCode: grid.code,
    building: r.building.trim(),
    lng,
    lat,
    unit: r.unit.trim(),
    floor,
    room: r.room.trim(),
    rental: ['是', 'Y', 'y', '1', 'yes', 'true'].includes(r.rental.trim()),
    name: r.name.trim(),
    relation,
    gender,
    birthDate,
    idType,
    idNumber,
    phone,
    floating,
    tagIds,
  };
}

/** The household a row belongs to: its grid, building, unit and room. */
export const householdKey = (p: ImportPerson) => `${p.gridCode}|${p.building}|${p.unit}|${p.room}`;

/**
 * Groups checked rows into households and applies the checks across rows: an ID number twice in the file,
 * the same name and birth date twice in one household, more than one head. A household with any bad row is
 * refused whole (never half a household): its other rows are reported with that reason.
 */
export function groupHouseholds(
  people: ImportPerson[],
  errors: RowError[],
): { households: ImportPerson[][]; errors: RowError[] } {
  const byId = new Map<string, number[]>();
  const byKey = new Map<string, ImportPerson[]>();
  for (const p of people) {
    if (p.idNumber) byId.set(p.idNumber, [...(byId.get(p.idNumber) ?? []), p.row]);
    byKey.set(householdKey(p), [...(byKey.get(householdKey(p)) ?? []), p]);
  }
  const bad = new Map<number, string[]>(errors.map((e) => [e.row, e.reasons]));
  const badHouseholds = new Set(errors.map((e) => e.household));
  const flag = (row: number, reason: string) => bad.set(row, [...(bad.get(row) ?? []), reason]);
  for (const [, rows] of byId)
    if (rows.length > 1) for (const row of rows) flag(row, `证件号码在文件中重复（第${rows.join('、')}行）`);
  const households: ImportPerson[][] = [];
  for (const members of byKey.values()) {
    const seen = new Map<string, number>();
    for (const m of members) {
      const k = `${m.name}|${m.birthDate}`;
      if (seen.has(k)) flag(m.row, `同户中姓名与出生日期重复（第${seen.get(k)}行）`);
      else seen.set(k, m.row);
    }
    if (members.filter((m) => m.relation === 'head').length > 1)
      for (const m of members) if (m.relation === 'head') flag(m.row, '同一户只能有一名户主');
    if (members.some((m) => bad.has(m.row)) || badHouseholds.has(householdKey(members[0]!))) {
      for (const m of members) if (!bad.has(m.row)) flag(m.row, '同户其他成员有误，整户未导入');
    } else households.push(members);
  }
  const all = [...bad.entries()].map(([row, reasons]) => ({ row, reasons })).sort((a, b) => a.row - b.row);
  return { households, errors: all };
}
