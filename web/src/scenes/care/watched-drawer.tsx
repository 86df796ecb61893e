import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  List,
  Popconfirm,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type CareStep, getCareAlert, getWatched, newCheckinLink } from '../../api/care.ts';
import { errorMessage } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { issueCheckinCard } from './care-roster-api.ts';
import { CheckinLink } from './enrol-modal.tsx';

function StepLine({ s }: { s: CareStep }) {
  const { t } = useTranslation();
  const told = ['raised', 'care_contact', 'duty_officer', 'family_task'].includes(s.kind);
  return (
    <span data-testid="care-console-step">
      <Typography.Text strong>{t(`care.step.${s.kind}`, { relation: s.relation ?? '' })}</Typography.Text>{' '}
      <Typography.Text type="secondary">{formatDateTime(s.at)}</Typography.Text>
      {told && <div>{t('care.told', { told: s.told, delivered: s.delivered })}</div>}
      {s.kind === 'sms' && s.delivered === 0 && <div>{t('care.smsNotSent')}</div>}
      {s.note && s.kind !== 'sms' && (
        <div>
          {s.note}
          {s.actorName ? ` · ${s.actorName}` : ''}
        </div>
      )}
    </span>
  );
}

/** An alert with its escalation timeline. */
function AlertTimeline({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const alert = useQuery({ queryKey: ['care', 'alert', caseId], queryFn: () => getCareAlert(caseId) });
  if (alert.error) return <ErrorAlert error={alert.error} />;
  if (!alert.data) return null;
  const a = alert.data;
  return (
    <div data-testid="care-alert-timeline">
      <Typography.Paragraph>
        {a.trackingCode} ·{' '}
        {a.closedAt ? t(`care.outcome.${a.outcome as 'safe'}`) : t(`care.level.${a.level}`)}
      </Typography.Paragraph>
      <Timeline
        items={a.timeline.map((s) => ({
          color: s.kind === 'outcome' ? 'green' : s.kind === 'raised' ? 'red' : 'blue',
          children: <StepLine s={s} />,
        }))}
      />
    </div>
  );
}

/** A watched person: consent, masked contacts, sightings (each view audited), alerts with their timeline. */
export function WatchedDrawer({ personId, onClose }: { personId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const w = useQuery({ queryKey: ['care', 'watched', personId], queryFn: () => getWatched(personId) });
  const [token, setToken] = useState<string | null>(null);
  const navigate = useNavigate();
  const mayEnrol = useMe().data?.can['care.enrol'] ?? false;
  // a card carries a new secret: issued on confirmation only, then shown once on the print page
  const card = useMutation({
    mutationFn: () => issueCheckinCard(personId),
    onSuccess: (c) => navigate('/care/card', { state: { card: c } }),
  });
  const d = w.data;
  return (
    <Drawer open width={560} onClose={onClose} title={d ? t('care.detailTitle', { name: d.name }) : ''}>
      {w.error ? <ErrorAlert error={w.error} /> : null}
      {d && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('care.consent')}>
              {t('care.consentLine', {
                by: t(`care.consentByLabel.${d.consent.by}`),
                basis: d.consent.basis,
                date: formatDateTime(d.consent.at),
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t('care.threshold')}>
              {t('care.hours', { n: d.thresholdHours })}
            </Descriptions.Item>
            <Descriptions.Item label={t('care.contacts')}>
              {d.contacts.map((c) => `${c.relation} ${c.name} ${c.phone}`).join('；') || t('care.none')}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Button onClick={() => void newCheckinLink(personId).then((r) => setToken(r.checkinToken))}>
              {t('care.newLink')}
            </Button>
            {mayEnrol && (
              <Popconfirm
                title={t('careCard.print')}
                description={<div style={{ maxWidth: 280 }}>{t('careCard.reissueWarn')}</div>}
                onConfirm={() => card.mutate()}
              >
                <Button icon={<PrinterOutlined />} loading={card.isPending} data-testid="care-print-card">
                  {t('careCard.print')}
                </Button>
              </Popconfirm>
            )}
          </Space>
          {card.error ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={errorMessage(card.error)}
              data-testid="care-card-error"
            />
          ) : null}
          {token && <CheckinLink token={token} />}
          <Typography.Title level={5}>{t('care.alerts')}</Typography.Title>
          {d.alerts.length ? (
            d.alerts.map((a) => <AlertTimeline key={a.caseId} caseId={a.caseId} />)
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
          <Typography.Title level={5}>{t('care.sightings')}</Typography.Title>
          <List
            size="small"
            dataSource={d.sightings}
            renderItem={(s) => (
              <List.Item>
                {formatDateTime(s.seenAt)} <Tag>{t(`care.source.${s.source as 'device'}`)}</Tag>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Drawer>
  );
}
