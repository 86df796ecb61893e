import { CHANNEL_ROLES } from '@civicgrid/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCategory } from '../../api/cases.ts';
import { useMe } from '../../api/queries.ts';
import { showFieldErrors } from '../../components/form-errors.ts';
import { hasAnyRole, rolesOf } from '../../components/user-roles.ts';
import { CategorySelect } from '../cases/category-select.tsx';
import { AnswerFields } from './answer-fields.tsx';
import { DuplicateList } from './duplicate-list.tsx';
import { type IntakeBody, registerCase, type Spot, STAFF_CHANNELS, type StaffChannel } from './intake-api.ts';
import { PlaceField } from './place-field.tsx';
import './intake.css';

interface Values {
  source: StaffChannel;
  externalRef?: string;
  reporterName?: string;
  reporterPhone?: string;
  categoryCode?: string;
  urgency: IntakeBody['urgency'];
  description?: string;
  address?: string;
  answers?: Record<string, unknown>;
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * 受理登记: the dispatcher registers a problem that came by phone (12345), from a leader, the media or a device,
 * through the same intake as residents' reports — with the caller, the 12345 ticket, the place (address search
 * or a pin) and the open cases of the same kind nearby shown before saving.
 */
export function IntakePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // only the channels the caller's roles report through (the server checks the same table)
  const roles = rolesOf(useMe().data);
  const channels = STAFF_CHANNELS.filter((c) => {
    const allowed = CHANNEL_ROLES[c];
    return allowed === 'anyone' || hasAnyRole(roles, allowed);
  });
  const source = Form.useWatch('source', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const category = useCategory(categoryCode);
  const [spot, setSpot] = useState<Spot | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      registerCase({
        source: v.source,
        categoryCode: v.categoryCode!,
        urgency: v.urgency,
        description: v.description!.trim(),
        answers: v.answers ?? {},
        location: spot,
        address: blank(v.address),
        reporterName: blank(v.reporterName),
        reporterPhone: blank(v.reporterPhone),
        ...(v.source === 'hotline' ? { externalRef: blank(v.externalRef) } : {}),
      }),
    onMutate: () => {
      setError(null);
      setSaved(null);
    },
    onSuccess: (c) => {
      setSaved(c.id);
      form.resetFields();
      setSpot(null);
    },
    onError: (err) =>
      setError(
        showFieldErrors(
          form,
          err,
          {
            externalRef: t('intake.ticketRule'),
            reporterPhone: t('intake.phoneRule'),
            categoryCode: t('intake.categoryRule'),
            description: t('intake.descriptionRule'),
          },
          t('intake.descriptionRule'),
        ),
      ),
  });

  return (
    <div className="intake-page" data-testid="intake-page">
      <Typography.Title level={3}>{t('intake.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intake.intro')}</Typography.Paragraph>
      {saved !== null && (
        <Alert
          type="success"
          showIcon
          data-testid="intake-saved"
          title={t('intake.saved', { id: saved })}
          action={<Link to={`/cases/${saved}`}>{t('intake.open')}</Link>}
        />
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} data-testid="intake-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ source: channels[0] ?? 'hotline', urgency: 'normal' }}
        onFinish={(v) => save.mutate(v)}
        data-testid="intake-form"
      >
        <div className="intake-columns">
          <Card size="small" className="intake-card">
            <Form.Item name="source" label={t('intake.source')}>
              <Radio.Group
                optionType="button"
                options={channels.map((s) => ({ value: s, label: t(`intake.sources.${s}`) }))}
                data-testid="intake-source"
              />
            </Form.Item>
            {source === 'hotline' && (
              <Form.Item
                name="externalRef"
                label={t('intake.ticket')}
                extra={t('intake.ticketHelp')}
                rules={[{ pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('intake.ticketRule') }]}
              >
                <Input maxLength={40} data-testid="intake-ticket" />
              </Form.Item>
            )}
            <Typography.Text strong>{t('intake.caller')}</Typography.Text>
            <div className="intake-caller">
              <Form.Item name="reporterName" label={t('intake.callerName')} className="intake-caller-name">
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="reporterPhone"
                label={t('intake.callerPhone')}
                extra={t('intake.callerHelp')}
                rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('intake.phoneRule') }]}
              >
                <Input inputMode="tel" maxLength={20} autoComplete="off" data-testid="intake-phone" />
              </Form.Item>
            </div>
            <Form.Item
              name="categoryCode"
              label={t('intake.category')}
              rules={[{ required: true, message: t('intake.categoryRule') }]}
            >
              <CategorySelect testId="intake-category" ariaLabel={t('intake.category')} />
            </Form.Item>
            <Form.Item name="urgency" label={t('intake.urgency')}>
              <Radio.Group
                options={(['normal', 'urgent', 'critical'] as const).map((u) => ({
                  value: u,
                  label: t(`urgency.${u}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('intake.description')}
              rules={[{ required: true, whitespace: true, max: 4000, message: t('intake.descriptionRule') }]}
            >
              <Input.TextArea rows={4} maxLength={4000} showCount data-testid="intake-description" />
            </Form.Item>
            <AnswerFields questions={category.data?.questions ?? []} />
          </Card>
          <Card size="small" className="intake-card" title={t('intake.place')}>
            <PlaceField
              spot={spot}
              onSpot={(s, hit) => {
                setSpot(s);
                if (hit?.address && !form.getFieldValue('address'))
                  form.setFieldValue('address', hit.address);
              }}
            />
            <Form.Item name="address" label={t('intake.address')} className="intake-address">
              <Input maxLength={200} data-testid="intake-address" />
            </Form.Item>
            <DuplicateList category={categoryCode} spot={spot} />
          </Card>
        </div>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="intake-submit">
            {t('intake.submit')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setSpot(null);
            }}
          >
            {t('intake.reset')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
