import { PEOPLE_LABELS } from '@civicgrid/shared';

/** The import template's columns, in order: Chinese headers (what offices fill in), the row field each feeds. */
export const IMPORT_COLUMNS = [
  { key: 'gridCode', header: '网格编码', width: 18, required: true },
  { key: 'building', header: '楼栋地址', width: 22, required: true },
  { key: 'lng', header: '楼栋经度', width: 11, required: false },
  { key: 'lat', header: '楼栋纬度', width: 11, required: false },
  { key: 'unit', header: '单元', width: 6, required: false },
  { key: 'floor', header: '楼层', width: 6, required: false },
  { key: 'room', header: '房号', width: 8, required: true },
  { key: 'rental', header: '出租房', width: 8, required: false },
  { key: 'name', header: '姓名', width: 10, required: true },
  { key: 'relation', header: '与户主关系', width: 10, required: true },
  { key: 'gender', header: '性别', width: 6, required: true },
  { key: 'birthDate', header: '出生日期', width: 12, required: true },
  { key: 'idType', header: '证件类型', width: 16, required: false },
  { key: 'idNumber', header: '证件号码', width: 21, required: false },
  { key: 'phone', header: '联系电话', width: 14, required: false },
  { key: 'floating', header: '流动人口登记日期', width: 16, required: false },
  { key: 'tags', header: '标签', width: 20, required: false },
] as const;

export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];
/** One data row of the file as text, by column key, with its row number in the sheet. */
export type RawRow = { row: number } & Record<ImportKey, string>;

/** A sample row for the template (a demo grid of 川汇区; the ID number is valid for the birth date and gender). */
export const SAMPLE_ROW: Record<ImportKey, string> = {
  gridCode: '411602001001001',
  building: '富民社区1号楼',
  lng: '',
  lat: '',
  unit: '1',
  floor: '3',
  room: '301',
  rental: '否',
  name: '张建国',
  relation: '户主',
  gender: '男',
  birthDate: '1956-03-07',
  idType: '居民身份证',
  idNumber: '411602195603070012',
  phone: '13800001234',
  floating: '',
  tags: '党员；退役军人',
};

/** Chinese label → code, for the enumerations the sheet writes in words. */
export function codeOfLabel<K extends keyof typeof PEOPLE_LABELS>(kind: K, label: string): string | null {
  const table = PEOPLE_LABELS[kind] as Record<string, { zh: string; en: string }>;
  const text = label.trim();
  for (const [code, l] of Object.entries(table))
    if (l.zh === text || l.en === text || code === text) return code;
  return null;
}

/** Tags as the sheet lists them: separated by ；, ;, 、, comma or space. */
export function splitTags(text: string): string[] {
  return text
    .split(/[；;、,，\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}
