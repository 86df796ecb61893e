import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/index.ts';

/** 中文 / English switch; the choice is kept in localStorage. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('lang.label')}
      data-testid="language-switch"
      value={i18n.language === 'en-US' ? 'en-US' : 'zh-CN'}
      onChange={(lang) => void changeLanguage(lang)}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh">{t('lang.zh')}</span> },
        { value: 'en-US', label: <span data-testid="lang-en">{t('lang.en')}</span> },
      ]}
    />
  );
}
