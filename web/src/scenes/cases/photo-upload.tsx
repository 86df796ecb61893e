import { PlusOutlined } from '@ant-design/icons';
import { Form, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';

/** The files of an Upload list that were chosen on this device (not yet sent). */
export function chosenFiles(list: readonly UploadFile[] | undefined): File[] {
  return (list ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : []));
}

/**
 * A photo picker form field: files are collected here and sent with the action as multipart; nothing is
 * uploaded on its own. The server checks type and size and answers in the user's language.
 */
export function PhotoUploadField({
  name,
  label,
  required = false,
  testId,
}: {
  name: 'photos' | 'before' | 'after';
  label: string;
  required?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
      rules={required ? [{ required: true, message: t('caseAction.photoRequired') }] : []}
      extra={t('caseAction.photoHint')}
    >
      <Upload
        listType="picture-card"
        accept="image/jpeg,image/png,image/webp"
        multiple
        maxCount={9}
        beforeUpload={() => false}
      >
        <button type="button" className="upload-button" aria-label={label} data-testid={testId}>
          <PlusOutlined aria-hidden />
          <span>{t('caseAction.addPhoto')}</span>
        </button>
      </Upload>
    </Form.Item>
  );
}
