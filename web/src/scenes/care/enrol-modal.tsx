import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CandidateView, checkinUrl, type EnrolBody, enrol } from '../../api/care.ts';
import { errorMessage } from '../../api/client.ts';

/** The check-in link of a watch, shown once (only its hash is kept), with a copy button. */
export function CheckinLink({ token }: { token: string }) {
  const url = checkinUrl(token);
  return (
    <Typography.Paragraph copyable={{ text: url }} code data-testid="care-checkin-link">
      {url}
    </Typography.Paragraph>
  );
}

/**
 * Enrols a person of the 独居老人 list: who consented and how (required — presence data is sensitive
 * personal data), the threshold, the emergency contacts. On success the check-in link is shown once.
 */
export function EnrolModal({ person, onClose }: { person: CandidateView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Omit<EnrolBody, 'personId'>>();
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const client = useQueryClient();
  const submit = async (v: Omit<EnrolBody, 'personId'>) => {
    setBusy(true);
    setError(null);
    try {
      const done = await enrol({ ...v, personId: person.personId, contacts: v.contacts ?? [] });
      setToken(done.checkinToken);
      await client.invalidateQueries({ queryKey: ['care'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('care.enrolTitle', { name: person.name })}
      onCancel={onClose}
      okText={t('care.enrol')}
      onOk={() => (token ? onClose() : form.submit())}
      okButtonProps={{ loading: busy, id: 'care-enrol-submit' }}
      width={640}
    >
      {token ? (
        <>
          <Alert type="success" showIcon message={t('care.enrolled')} />
          <CheckinLink token={token} />
        </>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ consentBy: 'self', thresholdHours: 24, contacts: [{}] }}
        >
          <Alert type="info" showIcon message={t('care.consentNote')} style={{ marginBottom: 16 }} />
          <Space wrap>
            <Form.Item name="consentBy" label={t('care.consentBy')} rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                options={(['self', 'guardian', 'family'] as const).map((v) => ({
                  value: v,
                  label: t(`care.consentByLabel.${v}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="thresholdHours" label={t('care.thresholdHours')} rules={[{ required: true }]}>
              <InputNumber min={4} max={168} />
            </Form.Item>
          </Space>
          <Form.Item
            name="consentBasis"
            label={t('care.consentBasis')}
            rules={[{ required: true, min: 2, whitespace: true }]}
          >
            <Input placeholder={t('care.consentBasisPlaceholder')} data-testid="care-consent-basis" />
          </Form.Item>
          <Typography.Text strong>{t('care.contacts')}</Typography.Text>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'relation']} rules={[{ required: true }]}>
                      <Input placeholder={t('care.relation')} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder={t('care.contactName')} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'phone']}
                      rules={[{ required: true, pattern: /^\+?[0-9 -]{5,20}$/ }]}
                    >
                      <Input placeholder={t('care.contactPhone')} style={{ width: 160 }} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>×</Button>
                  </Space>
                ))}
                {fields.length < 5 && <Button onClick={() => add({})}>{t('care.addContact')}</Button>}
              </>
            )}
          </Form.List>
          {error && <Alert type="error" message={error} style={{ marginTop: 12 }} />}
        </Form>
      )}
    </Modal>
  );
}
