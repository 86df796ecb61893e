import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-us.ts';
import { zhCN } from './zh-cn.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'civicgrid.lang';

/** The saved UI language, Chinese unless the user chose English before. */
export function savedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    // Storage can be blocked (private mode, sandboxed frames); fall back to the default.
    return 'zh-CN';
  }
}

/** Switches the UI language and remembers the choice for the next visit. */
export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted, but the switch still applies to this tab.
  }
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;
