import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, InputNumber, message, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, sendData } from '../../api/client.ts';
import { useVolunteerConfig } from '../../api/volunteers.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** The district's points rules: points per hour and per report, the daily cap, the sign-in radius, coefficients. */
export function RulesTab({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const config = useVolunteerConfig();
  const [coefficients, setCoefficients] = useState<Record<string, number>>({});
  if (config.error) return <ErrorAlert error={config.error} />;
  if (!config.data) return null;
  const save = async (numbers: Record<string, number>) => {
    try {
      await sendData('PUT', '/api/volunteers/config', {
        ...numbers,
        activityTypes: config.data.activityTypes.map((x) => ({
          code: x.code,
          name: x.name,
          nameEn: x.nameEn,
          coefficient: coefficients[x.code] ?? x.coefficient,
        })),
      });
      message.success(t('vol.saved'));
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const fields = ['pointsPerHour', 'pointsPerReport', 'reportDailyCap', 'checkRadiusM'] as const;
  return (
    <Form
      layout="vertical"
      initialValues={config.data.settings}
      onFinish={(f) => void save(f)}
      disabled={!editable}
    >
      {fields.map((f) => (
        <Form.Item key={f} name={f} label={t(`vol.rules.${f}`)} rules={[{ required: true }]}>
          <InputNumber min={0} />
        </Form.Item>
      ))}
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={config.data.activityTypes}
        columns={[
          {
            title: t('vol.type'),
            render: (_: unknown, x) => (i18n.language === 'en-US' ? x.nameEn : x.name),
          },
          {
            title: t('vol.rules.coefficient'),
            render: (_: unknown, x) => (
              <InputNumber
                min={0}
                max={10}
                step={0.05}
                value={coefficients[x.code] ?? x.coefficient}
                onChange={(v) => setCoefficients({ ...coefficients, [x.code]: Number(v ?? 0) })}
              />
            ),
          },
        ]}
      />
      {editable && (
        <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
          {t('vol.save')}
        </Button>
      )}
    </Form>
  );
}
