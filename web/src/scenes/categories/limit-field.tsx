import { Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The API's bounds of a limit: 0.5 to 2000 working hours, or a whole 1 to 365 working days. */
function limitValid(value: unknown, unit: unknown): boolean {
  if (typeof value !== 'number') return false;
  if (unit === 'day') return Number.isInteger(value) && value >= 1 && value <= 365;
  return value > 0 && value <= 2000;
}

/** A working-time limit as a number and its unit (working hours or days), at `name` ({ value, unit }). */
export function LimitField({
  name,
  label,
  testId,
}: {
  name: (string | number)[];
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} required>
      <Space.Compact>
        <Form.Item
          noStyle
          name={[...name, 'value']}
          dependencies={[[...name, 'unit']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: unknown) =>
                limitValid(v, getFieldValue([...name, 'unit']))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('admin.categories.limitRule'))),
            }),
          ]}
        >
          <InputNumber aria-label={label} data-testid={`${testId}-value`} />
        </Form.Item>
        <Form.Item noStyle name={[...name, 'unit']}>
          <Select
            style={{ width: 120 }}
            aria-label={`${label} ${t('admin.categories.unitLabel')}`}
            data-testid={`${testId}-unit`}
            options={(['hour', 'day'] as const).map((u) => ({
              value: u,
              label: t(`admin.categories.unit.${u}`),
            }))}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
