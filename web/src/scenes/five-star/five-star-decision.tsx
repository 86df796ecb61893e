import type { StarKey } from '@civicgrid/shared';
import { Button, Card, Checkbox, DatePicker, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assessment, starLabel } from '../../api/five-star.ts';

interface Props {
  a: Assessment;
  busy: boolean;
  onDecide: (stars: StarKey[], reason: string) => void;
  onVeto: (v: { reason: string; effectiveOn: string; stars: StarKey[] }) => void;
  mode: 'decide' | 'veto';
}

/** The district's decision (stars, earned ones ticked) or, once decided, a veto withdrawing stars. */
export function FiveStarDecision({ a, busy, onDecide, onVeto, mode }: Props) {
  const { t, i18n } = useTranslation();
  const [stars, setStars] = useState<StarKey[]>(mode === 'decide' ? a.earned : []);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const options = (mode === 'decide' ? a.standard.map((s) => s.star) : a.stars).map((s) => ({
    value: s,
    label: starLabel(s, i18n.language),
    disabled: mode === 'decide' && !a.earned.includes(s),
  }));
  return (
    <Card
      size="small"
      title={mode === 'decide' ? t('fiveStar.decide') : t('fiveStar.veto')}
      data-testid={`five-star-${mode}`}
    >
      <Typography.Paragraph type="secondary">
        {mode === 'decide' ? t('fiveStar.decideHint') : t('fiveStar.vetoHint')}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={mode === 'veto' ? t('fiveStar.vetoStars') : undefined}>
          <Checkbox.Group options={options} value={stars} onChange={(v) => setStars(v as StarKey[])} />
        </Form.Item>
        <Form.Item
          label={mode === 'decide' ? t('fiveStar.decideReason') : t('fiveStar.vetoReason')}
          required={mode === 'veto'}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
        {mode === 'veto' && (
          <Form.Item label={t('fiveStar.vetoDate')} required>
            <DatePicker onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : null)} />
          </Form.Item>
        )}
        <Space>
          {mode === 'decide' ? (
            <Button
              type="primary"
              loading={busy}
              onClick={() => onDecide(stars, reason)}
              data-testid="five-star-send-decision"
            >
              {t('fiveStar.sendDecision')}
            </Button>
          ) : (
            <Button
              danger
              type="primary"
              loading={busy}
              disabled={!reason.trim() || !date}
              onClick={() => onVeto({ reason, effectiveOn: date!, stars })}
              data-testid="five-star-send-veto"
            >
              {t('fiveStar.sendVeto')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
