import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { changeLanguage } from '../i18n/index.ts';
import { Icon } from './icons.tsx';

interface PageProps {
  title: string;
  /** where the back arrow leads; none on the home page */
  back?: string;
  /** extra header controls, e.g. a refresh button */
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A phone page: a sticky header (back, title, language switch) and the content column. */
export function Page({ title, back, extra, children, testId }: PageProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // 'default' marks the first page of this visit: "back" then means up to the parent page, not out of the app
  const firstPage = useLocation().key === 'default';
  useEffect(() => {
    document.title = `${title} · CivicGrid`;
  }, [title]);
  const other = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';
  return (
    <div className="m-page" data-testid={testId}>
      <header className="m-header">
        {back !== undefined ? (
          <button
            type="button"
            className="m-icon-btn"
            aria-label={t('common.back')}
            onClick={() => (firstPage ? navigate(back) : navigate(-1))}
          >
            <Icon name="back" />
          </button>
        ) : (
          <span className="m-header-spacer" />
        )}
        <h1 className="m-title">{title}</h1>
        {extra}
        <button
          type="button"
          className="m-lang"
          lang={other}
          aria-label={t('common.languageLabel')}
          data-testid="lang-switch"
          onClick={() => void changeLanguage(other)}
        >
          {t('common.language')}
        </button>
      </header>
      <main className="m-main">{children}</main>
    </div>
  );
}
