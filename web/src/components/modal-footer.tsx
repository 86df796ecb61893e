import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** The cancel and save buttons of a form in a modal (`footer` of an antd Modal). */
export function ModalFooter({
  onCancel,
  onSave,
  saving,
  saveTestId,
}: {
  onCancel: () => void;
  onSave: () => void;
  saving: boolean;
  saveTestId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
        {t('common.save')}
      </Button>
    </>
  );
}
