import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner for a page or panel that is still loading. */
export function PageSpin() {
  const { t } = useTranslation();
  return (
    <div className="page-spin" role="status" aria-live="polite">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
