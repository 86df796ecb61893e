import type { TFunction } from 'i18next';
import { type ApiError, newUuid } from '../api.ts';
import type { PendingReport } from '../outbox/outbox.ts';
import type { Category } from '../types.ts';
import type { Spot } from './location-field.tsx';
import { type Answers, answersPayload, checkAnswers } from './questions.tsx';

/** Everything the report form holds. */
export interface ReportDraft {
  source: 'resident' | 'grid_patrol';
  photos: File[];
  spot: Spot | null;
  address: string;
  category: Category | null;
  answers: Answers;
  description: string;
  name: string;
  phone: string;
  /** the building of the door plate whose QR code opened the page: the case is placed there */
  buildingId?: number;
}

export const emptyDraft = (source: ReportDraft['source']): ReportDraft => ({
  source,
  photos: [],
  spot: null,
  address: '',
  category: null,
  answers: {},
  description: '',
  name: '',
  phone: '',
});

/** Form errors by field: category, description, phone, photos, answers/<code>. */
export type DraftErrors = Record<string, string>;

const PHONE = /^[0-9+\- ]{5,20}$/;

/** The problems the server would refuse, found before sending. */
export function checkDraft(d: ReportDraft, t: TFunction, lang: string): DraftErrors {
  const errors: DraftErrors = {};
  if (!d.category) errors.category = t('report.needCategory');
  if (!d.description.trim()) errors.description = t('report.needDescription');
  if (d.phone.trim() && !PHONE.test(d.phone.trim())) errors.phone = t('report.badPhone');
  if (d.category) {
    for (const [code, msg] of Object.entries(checkAnswers(d.category.questions, d.answers, lang, t)))
      errors[`answers/${code}`] = msg;
  }
  return errors;
}

/** The report as kept on the phone and sent as multipart/form-data, with a fresh idempotency key. */
export function toPending(d: ReportDraft, lang: string): PendingReport {
  const category = d.category!;
  const fields: [string, string][] = [
    ['source', d.source],
    ['categoryCode', category.code],
    ['description', d.description.trim()],
  ];
  const answers = answersPayload(category.questions, d.answers);
  if (Object.keys(answers).length) fields.push(['answers', JSON.stringify(answers)]);
  if (d.spot) fields.push(['lat', String(d.spot.lat)], ['lng', String(d.spot.lng)]);
  if (d.address.trim()) fields.push(['address', d.address.trim()]);
  if (d.buildingId) fields.push(['buildingId', String(d.buildingId)]);
  if (d.name.trim()) fields.push(['reporterName', d.name.trim()]);
  if (d.phone.trim()) fields.push(['reporterPhone', d.phone.trim()]);
  return {
    key: newUuid(),
    createdAt: new Date().toISOString(),
    fields,
    photos: d.photos.map((f, i) => ({ name: f.name || `photo-${i + 1}.jpg`, type: f.type, blob: f })),
    categoryName: lang === 'en-US' ? category.nameEn : category.nameZh,
    status: 'waiting',
    error: null,
    attempts: 0,
  };
}

const PHOTO_CODES = new Set(['PHOTO_NOT_IMAGE', 'PHOTO_TOO_LARGE', 'PHOTO_TOO_MANY']);
const FIELD_OF: Record<string, string> = {
  categoryCode: 'category',
  description: 'description',
  reporterPhone: 'phone',
  reporterName: 'name',
  address: 'address',
};

/** Puts a server refusal on the fields it names (the message is already in the UI language). */
export function errorsFromServer(err: ApiError): DraftErrors {
  if (PHOTO_CODES.has(err.code)) return { photos: err.message };
  const errors: DraftErrors = {};
  for (const p of err.fieldProblems()) {
    const field = p.field.startsWith('answers/') ? p.field : (FIELD_OF[p.field.split('/')[0] ?? ''] ?? null);
    if (field && !errors[field]) errors[field] = err.message;
  }
  return errors;
}
