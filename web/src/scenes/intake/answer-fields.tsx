import type { CategoryQuestion } from '@civicgrid/shared';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** The category's own questions (the same the phone's report form asks), as fields under `answers`. */
export function AnswerFields({ questions }: { questions: readonly CategoryQuestion[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  if (questions.length === 0) return null;
  return (
    <fieldset className="intake-answers">
      <legend>{t('intake.answers')}</legend>
      {questions.map((q) => {
        const options = (q.options ?? []).map((o) => ({ value: o.value, label: en ? o.labelEn : o.labelZh }));
        const label = en ? q.labelEn : q.labelZh;
        return (
          <Form.Item key={q.code} name={['answers', q.code]} label={label} rules={[{ required: q.required }]}>
            {q.type === 'number' ? (
              <InputNumber min={q.min} max={q.max} style={{ width: 160 }} />
            ) : q.type === 'single' ? (
              <Select options={options} data-testid={`intake-question-${q.code}`} />
            ) : q.type === 'multiple' ? (
              <Select mode="multiple" options={options} data-testid={`intake-question-${q.code}`} />
            ) : (
              <Input maxLength={500} />
            )}
          </Form.Item>
        );
      })}
    </fieldset>
  );
}
