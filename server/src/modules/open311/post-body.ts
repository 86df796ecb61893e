import { Open311Error, type Problem } from './respond.ts';

/** A POSTed form: plain fields (first value wins) and `attribute[CODE]` / `attribute[CODE][]` answers. */
export interface PostForm {
  fields: Record<string, string>;
  attributes: Record<string, string | string[]>;
}

const ATTRIBUTE = /^attribute\[([^\]]+)\](\[\])?$/;

/** Line ends as one LF: a CRLF a client sends is stored and shown as a plain line break. */
export const normaliseLineEnds = (value: string): string => value.replace(/\r\n?/g, '\n');

function addField(out: PostForm, name: string, raw: string): void {
  const value = normaliseLineEnds(raw);
  const m = ATTRIBUTE.exec(name);
  if (!m) {
    if (!Object.hasOwn(out.fields, name)) out.fields[name] = value;
    return;
  }
  const code = m[1]!;
  const prior = out.attributes[code];
  if (m[2] || prior !== undefined) {
    const list = prior === undefined ? [] : Array.isArray(prior) ? prior : [prior];
    out.attributes[code] = [...list, value];
  } else {
    out.attributes[code] = value;
  }
}

/**
 * Parses an application/x-www-form-urlencoded body with URLSearchParams (UTF-8, `+` as space). A code sent
 * as `attribute[CODE][]` (a multivaluelist) or more than once becomes a list. CRLF and CR become LF.
 */
export function parseForm(body: string): PostForm {
  const out: PostForm = { fields: {}, attributes: {} };
  for (const [name, value] of new URLSearchParams(body)) addField(out, name, value);
  return out;
}

/** The same form from multipart/form-data text fields (one value per name, as the multipart reader keeps). */
export function toPostForm(fields: Record<string, string>): PostForm {
  const out: PostForm = { fields: {}, attributes: {} };
  for (const [name, value] of Object.entries(fields)) addField(out, name, value);
  return out;
}

/** The report a valid POST describes, before the service and its attributes are checked. */
export interface PostedReport {
  serviceCode: string;
  description: string | null;
  location: { lng: number; lat: number } | null;
  address: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  /** kept sealed as personal data, so staff can reply (FixMyStreet always sends its user's address) */
  reporterEmail: string | null;
  mediaUrl: string | null;
}

const DESCRIPTION_MAX = 4000;
const ADDRESS_MAX = 200;
const NAME_MAX = 50;
const PHONE = /^[0-9+\- ]{5,20}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const HAN = /\p{Script=Han}/u;

const text = (fields: Record<string, string>, name: string) => {
  const v = fields[name];
  return v !== undefined && v.trim() !== '' ? v : null;
};

function coordinate(raw: string, name: string, limit: number, problems: Problem[]): number | null {
  const n = /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isFinite(n) && Math.abs(n) <= limit) return n;
  problems.push({
    code: 'VALIDATION_FAILED',
    detail: {
      zh: `${name} 须为 ±${limit} 以内的 WGS84 度数`,
      en: `${name} must be WGS84 degrees within ±${limit}`,
    },
  });
  return null;
}

/** A Chinese name is written family name first, without a space; others as given name, family name. */
function fullName(first: string | null, last: string | null): string | null {
  const parts = [first?.trim(), last?.trim()].filter((p): p is string => !!p);
  if (!parts.length) return null;
  return HAN.test(parts.join('')) ? [last?.trim(), first?.trim()].filter(Boolean).join('') : parts.join(' ');
}

/**
 * Checks a POST's own fields: service_code present, exactly one kind of location (lat+long, address_string,
 * or address_id), description within 4,000 characters, contact fields, media_url. Every problem is
 * reported at once as a 400; email is kept sealed, device_id and account_id are accepted and kept nowhere.
 */
export function readPostedReport(fields: Record<string, string>): PostedReport {
  const problems: Problem[] = [];
  const need = (zh: string, en: string) => problems.push({ code: 'VALIDATION_FAILED', detail: { zh, en } });
  const serviceCode = text(fields, 'service_code')?.trim() ?? '';
  if (!serviceCode) need('缺少 service_code', 'service_code is required');

  const lat = text(fields, 'lat');
  const long = text(fields, 'long');
  let location: PostedReport['location'] = null;
  if (lat !== null || long !== null) {
    if (lat === null || long === null) need('lat 与 long 须同时提供', 'lat and long must be sent together');
    else {
      const y = coordinate(lat, 'lat', 90, problems);
      const x = coordinate(long, 'long', 180, problems);
      if (x !== null && y !== null) location = { lng: x, lat: y };
    }
  }
  const addressString = text(fields, 'address_string');
  // there is no master address repository here: an address_id is kept as the address text
  const address = addressString ?? text(fields, 'address_id');
  if (lat === null && long === null && address === null) {
    need(
      '须提供位置：lat 与 long、address_string 或 address_id',
      'a location is required: lat and long, address_string, or address_id',
    );
  }
  if (address !== null && address.length > ADDRESS_MAX) {
    need(`地址最多 ${ADDRESS_MAX} 个字符`, `the address may have at most ${ADDRESS_MAX} characters`);
  }

  const description = text(fields, 'description');
  if (description !== null && [...description].length > DESCRIPTION_MAX) {
    need(
      `description 最多 ${DESCRIPTION_MAX} 个字符`,
      `description may have at most ${DESCRIPTION_MAX} characters`,
    );
  }
  const reporterName = fullName(text(fields, 'first_name'), text(fields, 'last_name'));
  if (reporterName !== null && reporterName.length > NAME_MAX) {
    need(`姓名最多 ${NAME_MAX} 个字符`, `first_name and last_name may have at most ${NAME_MAX} characters`);
  }
  const reporterPhone = text(fields, 'phone')?.trim() ?? null;
  if (reporterPhone !== null && !PHONE.test(reporterPhone)) {
    need('phone 须为 5–20 位数字', 'phone must be 5–20 digits (+, - and spaces allowed)');
  }
  const reporterEmail = text(fields, 'email')?.trim() ?? null;
  if (reporterEmail !== null && (!EMAIL.test(reporterEmail) || reporterEmail.length > 254)) {
    need('email 须为电子邮件地址', 'email must be an e-mail address');
  }
  const mediaUrl = text(fields, 'media_url')?.trim() ?? null;
  if (mediaUrl !== null && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > 2000)) {
    need('media_url 须为 http(s) 地址', 'media_url must be an http(s) URL');
  }
  if (problems.length) throw new Open311Error(400, problems);
  return {
    serviceCode,
    description,
    location,
    address,
    reporterName,
    reporterPhone,
    reporterEmail,
    mediaUrl,
  };
}
