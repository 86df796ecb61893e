import {
  ANSWER_TEXT_MAX,
  CASE_STATE_LABELS,
  type CaseState,
  publicStepLine,
  REJECT_REASON_LABELS,
} from '@civicgrid/shared';
import type { PublicCaseRow, PublicEvent } from '../cases/public-queries.ts';
import type { CategoryQuestion } from '../categories/queries.ts';
import type { ServiceCategory } from './queries.ts';
import type { Lang } from './respond.ts';
import type { Value } from './xml.ts';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A W3C date-time in China time (+08:00, no daylight saving), e.g. 2026-01-05T09:30:00+08:00. */
export function w3c(d: Date | null): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const nameOf = (x: { nameZh: string; nameEn: string }, lang: Lang) => (lang === 'en' ? x.nameEn : x.nameZh);

/** One entry of GET services. */
export function presentService(c: ServiceCategory, lang: Lang): Value {
  return {
    service_code: c.code,
    service_name: nameOf(c, lang),
    description: c.filingCriteria,
    metadata: c.questions.length > 0,
    type: 'realtime',
    keywords: c.keywords.length ? c.keywords.join(', ') : null,
    group: c.group ? nameOf(c.group, lang) : null,
  };
}

const DATATYPES = { text: 'string', number: 'number', single: 'singlevaluelist', multiple: 'multivaluelist' };

function datatypeDescription(q: CategoryQuestion, lang: Lang): string | null {
  const zh = lang === 'zh';
  switch (q.type) {
    case 'text':
      return zh ? `不超过 ${ANSWER_TEXT_MAX} 个字符` : `At most ${ANSWER_TEXT_MAX} characters`;
    case 'number': {
      if (q.min === undefined && q.max === undefined) return zh ? '一个数字' : 'A number';
      if (q.min !== undefined && q.max !== undefined)
        return zh ? `${q.min} 至 ${q.max} 之间的数字` : `A number from ${q.min} to ${q.max}`;
      if (q.min !== undefined) return zh ? `不小于 ${q.min} 的数字` : `A number of at least ${q.min}`;
      return zh ? `不大于 ${q.max} 的数字` : `A number of at most ${q.max}`;
    }
    case 'single':
      return zh ? '选择一项' : 'Choose one';
    case 'multiple':
      return zh ? '可选择多项' : 'Choose any number';
  }
}

/** GET services/{code}: the category's extra questions as GeoReport attributes. */
export function presentDefinition(c: ServiceCategory, lang: Lang): Value {
  return {
    service_code: c.code,
    attributes: c.questions.map((q, i) => ({
      variable: true,
      code: q.code,
      datatype: DATATYPES[q.type],
      required: q.required,
      datatype_description: datatypeDescription(q, lang),
      order: i + 1,
      description: lang === 'en' ? q.labelEn : q.labelZh,
      ...(q.options
        ? { values: q.options.map((o) => ({ key: o.value, name: lang === 'en' ? o.labelEn : o.labelZh })) }
        : {}),
    })),
  };
}

const CLOSED_STATES = new Set(['closed', 'rejected']);

/** The state in words; for a rejection also why (the reason code, and the note when it was published). */
function statusNotes(r: PublicCaseRow, lang: Lang): string {
  const label = CASE_STATE_LABELS[r.state as CaseState]?.[lang] ?? r.state;
  if (r.state !== 'rejected' || !r.rejectReason) return label;
  const en = lang === 'en';
  const why =
    r.rejectReason === 'duplicate'
      ? en
        ? `duplicate, merged into request ${r.masterCaseId}`
        : `重复上报，已并入 ${r.masterCaseId} 号诉求`
      : (REJECT_REASON_LABELS[r.rejectReason]?.[lang] ?? r.rejectReason);
  const note = r.rejectNote ? (en ? ` (${r.rejectNote})` : `（${r.rejectNote}）`) : '';
  return en ? `${label}: ${why}${note}` : `${label}：${why}${note}`;
}

/** A note of the `extensions=true` history: a public step as the tracking page words it. */
export function presentNote(e: Pick<PublicEvent, 'at' | 'action' | 'data' | 'reason'>, lang: Lang): Value {
  return {
    datetime: w3c(e.at),
    description: publicStepLine({ action: e.action, data: e.data, note: e.reason }, lang),
    type: e.action,
  };
}

/**
 * One service request from a public case row: CivicGrid states mapped to open/closed (closed and rejected are
 * closed, with the reason in status_notes), the unit as agency, the reply deadline told to the resident as
 * expected time, the latest public step as update time, the first photo of a public step as media.
 */
export function presentRequest(r: PublicCaseRow, lang: Lang, baseUrl: string, notes?: PublicEvent[]): Value {
  const closed = CLOSED_STATES.has(r.state);
  const unit = lang === 'en' ? (r.unitNameEn ?? r.unitName) : r.unitName;
  return {
    service_request_id: String(r.id),
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(r, lang),
    service_name: lang === 'en' ? r.categoryNameEn : r.categoryNameZh,
    service_code: r.categoryCode,
    description: r.description,
    agency_responsible: unit,
    service_notice: null,
    requested_datetime: w3c(r.reportedAt),
    updated_datetime: w3c(closed ? (r.closedAt ?? r.rejectedAt ?? r.updatedAt) : r.updatedAt),
    expected_datetime: w3c(r.replyDeadlineAt),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: r.firstPhotoId ? `${baseUrl}/api/photos/${r.firstPhotoId}/public` : r.mediaUrl,
    ...(notes ? { notes: notes.map((n) => presentNote(n, lang)) } : {}),
  };
}

/** The discovery document: where the GeoReport v2 endpoint is and which formats it speaks. */
export function presentDiscovery(baseUrl: string, changedAt: Date | null, lang: Lang): Value {
  const changeset = w3c(changedAt ?? new Date(0));
  return {
    changeset,
    contact:
      lang === 'en'
        ? 'CivicGrid grid-management command centre of the district (指挥中心)'
        : '区网格化服务管理指挥中心（CivicGrid）',
    key_service:
      lang === 'en'
        ? 'API keys for submitting requests are issued by the district administrators in the CivicGrid console.'
        : '提交诉求所需的 API 密钥由区级系统管理员在 CivicGrid 管理端创建发放。',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${baseUrl}/open311/v2`,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
