import { useTranslation } from 'react-i18next';

/** The red asterisk of a required field, read out as "required" by screen readers. */
export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <>
      <span className="m-req" aria-hidden="true">
        {' '}
        *
      </span>
      <span className="m-visually-hidden">{t('common.requiredMark')}</span>
    </>
  );
}
