import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type CategoryQuestion, QUESTION_TYPES, type QuestionType } from '@civicgrid/shared';
import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** One question as the form holds it: options as text lines "code|中文|English". */
export interface QuestionValues {
  code: string;
  labelZh: string;
  labelEn: string;
  type: QuestionType;
  required?: boolean;
  optionsText?: string;
  min?: number | null;
  max?: number | null;
}

const OPTION_LINE = /^([a-z0-9_]{1,32})\|([^|]{1,50})\|([^|]{1,80})$/;

/** The form's shape of a saved question. */
export function toQuestionValues(q: CategoryQuestion): QuestionValues {
  return {
    code: q.code,
    labelZh: q.labelZh,
    labelEn: q.labelEn,
    type: q.type,
    required: q.required,
    optionsText: (q.options ?? []).map((o) => `${o.value}|${o.labelZh}|${o.labelEn}`).join('\n'),
    min: q.min ?? null,
    max: q.max ?? null,
  };
}

/** The API's shape of a question from the form; options only for choice questions, bounds only for numbers. */
export function fromQuestionValues(v: QuestionValues): CategoryQuestion {
  const q: CategoryQuestion = {
    code: v.code.trim(),
    labelZh: v.labelZh.trim(),
    labelEn: v.labelEn.trim(),
    type: v.type,
    required: Boolean(v.required),
  };
  if (v.type === 'single' || v.type === 'multiple') {
    q.options = (v.optionsText ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [value = '', labelZh = '', labelEn = ''] = line.split('|').map((s) => s.trim());
        return { value, labelZh, labelEn };
      });
  }
  if (v.type === 'number') {
    if (typeof v.min === 'number') q.min = v.min;
    if (typeof v.max === 'number') q.max = v.max;
  }
  return q;
}

/** True when every non-empty line of a choice question's options reads "code|中文|English". */
function optionsValid(text: string | undefined): boolean {
  const lines = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 0 && lines.every((l) => OPTION_LINE.test(l));
}

/** The editable list of a category's reporting questions. */
export function QuestionFields() {
  const { t } = useTranslation();
  return (
    <Form.List name="questions">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              data-testid={`question-${i}`}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  aria-label={t('admin.categories.removeQuestion')}
                  onClick={() => remove(field.name)}
                />
              }
            >
              <Form.Item
                label={t('admin.categories.qCode')}
                name={[field.name, 'code']}
                rules={[
                  {
                    required: true,
                    pattern: /^[a-z][a-z0-9_]{0,31}$/,
                    message: t('admin.categories.qCodeRule'),
                  },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                label={t('admin.categories.qLabelZh')}
                name={[field.name, 'labelZh']}
                rules={[
                  { required: true, whitespace: true, max: 50, message: t('admin.categories.nameRule') },
                ]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                label={t('admin.categories.qLabelEn')}
                name={[field.name, 'labelEn']}
                rules={[
                  { required: true, whitespace: true, max: 80, message: t('admin.categories.nameRule') },
                ]}
              >
                <Input />
              </Form.Item>
              <Space wrap>
                <Form.Item label={t('admin.categories.qType')} name={[field.name, 'type']}>
                  <Select
                    style={{ minWidth: 120 }}
                    options={QUESTION_TYPES.map((v) => ({
                      value: v,
                      label: t(`admin.categories.qTypes.${v}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'required']} valuePropName="checked" label=" ">
                  <Checkbox>{t('admin.categories.qRequired')}</Checkbox>
                </Form.Item>
              </Space>
              <Form.Item noStyle dependencies={[['questions', field.name, 'type']]}>
                {({ getFieldValue }) => {
                  const type = getFieldValue(['questions', field.name, 'type']) as QuestionType;
                  if (type === 'single' || type === 'multiple')
                    return (
                      <Form.Item
                        label={t('admin.categories.qOptions')}
                        name={[field.name, 'optionsText']}
                        rules={[
                          {
                            validator: (_, v: string | undefined) =>
                              optionsValid(v)
                                ? Promise.resolve()
                                : Promise.reject(new Error(t('admin.categories.qOptionsRule'))),
                          },
                        ]}
                      >
                        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                      </Form.Item>
                    );
                  if (type === 'number')
                    return (
                      <Space wrap>
                        <Form.Item label="min" name={[field.name, 'min']}>
                          <InputNumber />
                        </Form.Item>
                        <Form.Item label="max" name={[field.name, 'max']}>
                          <InputNumber />
                        </Form.Item>
                      </Space>
                    );
                  return null;
                }}
              </Form.Item>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ code: '', labelZh: '', labelEn: '', type: 'text', required: false })}
            data-testid="question-add"
          >
            {t('admin.categories.addQuestion')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
