import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';

/**
 * Puts dayjs — the calendar behind antd's date pickers — in the UI language, so the panels show 一…日 and
 * 十一月 with weeks from Monday in Chinese. Called once by the root component, beside antd's own locale, so
 * every picker follows the language (a picker whose page forgot a per-page call showed Jan and Su in Chinese).
 */
export function useDayjsLocale(): void {
  const { i18n } = useTranslation();
  dayjs.locale(i18n.language === 'en-US' ? 'en' : 'zh-cn');
}
