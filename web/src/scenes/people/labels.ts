import { PEOPLE_LABELS } from '@civicgrid/shared';
import { useTranslation } from 'react-i18next';

type Kind = keyof typeof PEOPLE_LABELS;

/** The label of an archive enumeration value (relation, status, gender, ID type) in the UI language. */
export function usePeopleLabel(): (kind: Kind, value: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  return (kind, value) => {
    if (!value) return '—';
    const table = PEOPLE_LABELS[kind] as Record<string, { zh: string; en: string }>;
    return table[value]?.[lang] ?? value;
  };
}
