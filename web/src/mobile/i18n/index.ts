import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-us.ts';
import { careEn } from './en-us-care.ts';
import { directoryEn } from './en-us-directory.ts';
import { dispatchEn } from './en-us-dispatch.ts';
import { inspectionsEn } from './en-us-inspections.ts';
import { limitsEn } from './en-us-limits.ts';
import { visitsEn } from './en-us-visits.ts';
import { volunteersEn } from './en-us-volunteers.ts';
import { zhCN } from './zh-cn.ts';
import { careZh } from './zh-cn-care.ts';
import { directoryZh } from './zh-cn-directory.ts';
import { dispatchZh } from './zh-cn-dispatch.ts';
import { inspectionsZh } from './zh-cn-inspections.ts';
import { limitsZh } from './zh-cn-limits.ts';
import { visitsZh } from './zh-cn-visits.ts';
import { volunteersZh } from './zh-cn-volunteers.ts';

export type Language = 'zh-CN' | 'en-US';

// The same key as the desktop console, so a language chosen on one is kept on the other.
const STORAGE_KEY = 'civicgrid.lang';

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    // Storage may be blocked (private mode); Chinese is the default.
    return 'zh-CN';
  }
}

// Each module's strings in its own file, one entry per line here (en-US mirrors zh-CN's keys).
const ZH_PARTS = [zhCN, limitsZh, inspectionsZh, visitsZh, dispatchZh, careZh, directoryZh, volunteersZh];
const EN_PARTS = [enUS, limitsEn, inspectionsEn, visitsEn, dispatchEn, careEn, directoryEn, volunteersEn];

/** The phone pages' own i18next instance: zh-CN by default, en-US on request. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: Object.assign({}, ...ZH_PARTS) },
    'en-US': { translation: Object.assign({}, ...EN_PARTS) },
  },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Switches the language and remembers it for the next visit. */
export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, but applied to this tab
  }
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

// The district's own clock: deadlines are set on the district calendar, whatever the phone's time zone.
const TIME_ZONE = 'Asia/Shanghai';

/** A date and time in the UI language, e.g. 2026年11月22日 14:05 / 22 Nov 2026, 14:05. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(i18n.language, {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}
