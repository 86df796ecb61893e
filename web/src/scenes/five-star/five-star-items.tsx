import type { StandardItem, StandardStar } from '@civicgrid/shared';
import { Card, Image, Input, InputNumber, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Assessment, starLabel } from '../../api/five-star.ts';

export interface Draft {
  value?: number | null;
  passed?: boolean | null;
  evidence?: string;
}
export interface ReviewDraft {
  accepted: boolean;
  reason?: string;
}

interface Props {
  star: StandardStar;
  a: Assessment;
  assess: boolean;
  review: boolean;
  drafts: Record<string, Draft>;
  setDraft: (key: string, d: Draft) => void;
  reviews: Record<string, ReviewDraft>;
  setReview: (key: string, r: ReviewDraft) => void;
  onPhoto: (key: string, file: File) => void;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** One star's items: what is asked, the community's answer and evidence, whether it is met, the street's review. */
export function StarItems({ star, a, assess, review, drafts, setDraft, reviews, setReview, onPhoto }: Props) {
  const { t, i18n } = useTranslation();
  const need = (i: StandardItem) =>
    i.kind === 'score'
      ? `≥ ${i.min ?? 0} / ${i.max}`
      : i.kind === 'threshold'
        ? `≥ ${i.metric && (i.threshold ?? 0) <= 1 ? pct(i.threshold ?? 0) : i.threshold}`
        : '';
  const answerCell = (i: StandardItem) => {
    const got = a.answers[i.key]!;
    const d = { ...got, ...drafts[i.key] };
    if (i.metric) {
      return (
        <Space direction="vertical" size={0}>
          <strong>{got.value === null ? t('fiveStar.metricNone') : pct(got.value)}</strong>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`fiveStar.metrics.${i.metric as 'satisfactionRate'}`, { defaultValue: i.metric })} ·{' '}
            {t('fiveStar.computed')}
          </Typography.Text>
        </Space>
      );
    }
    if (i.kind === 'pass' || i.kind === 'veto') {
      return assess ? (
        <Radio.Group
          value={d.passed}
          onChange={(e) => setDraft(i.key, { ...drafts[i.key], passed: e.target.value })}
          data-testid={`five-star-pass-${i.key}`}
        >
          <Radio value={true}>{t('fiveStar.yes')}</Radio>
          <Radio value={false}>{t('fiveStar.no')}</Radio>
        </Radio.Group>
      ) : d.passed === null ? (
        '—'
      ) : d.passed ? (
        t('fiveStar.yes')
      ) : (
        t('fiveStar.no')
      );
    }
    return assess ? (
      <InputNumber
        min={0}
        max={i.max ?? 100000}
        value={d.value}
        onChange={(v) => setDraft(i.key, { ...drafts[i.key], value: v })}
        data-testid={`five-star-value-${i.key}`}
      />
    ) : (
      (d.value ?? '—')
    );
  };
  const columns = [
    {
      title: t('fiveStar.item'),
      key: 'item',
      render: (_: unknown, i: StandardItem) => (
        <Space direction="vertical" size={2}>
          <span>{i.title}</span>
          <span>
            <Tag color={i.kind === 'veto' ? 'red' : undefined}>{t(`fiveStar.kinds.${i.kind}`)}</Tag>
            {need(i)}
          </span>
        </Space>
      ),
    },
    {
      title: t('fiveStar.answer'),
      key: 'answer',
      width: 170,
      render: (_: unknown, i: StandardItem) => answerCell(i),
    },
    {
      title: t('fiveStar.evidence'),
      key: 'evidence',
      render: (_: unknown, i: StandardItem) => {
        const got = a.answers[i.key]!;
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            {assess ? (
              <Input.TextArea
                rows={1}
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={2000}
                value={drafts[i.key]?.evidence ?? got.evidence}
                onChange={(e) => setDraft(i.key, { ...drafts[i.key], evidence: e.target.value })}
              />
            ) : (
              <span>{got.evidence || '—'}</span>
            )}
            <Space size={4} wrap>
              {got.photos.map((p) => (
                <Image
                  key={p}
                  width={48}
                  height={48}
                  src={`/api/five-star/photos/${p}`}
                  style={{ objectFit: 'cover' }}
                />
              ))}
              {assess && (
                <Upload
                  accept="image/jpeg,image/png,image/webp"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    onPhoto(i.key, file);
                    return false;
                  }}
                >
                  <Typography.Link>{t('fiveStar.addPhoto')}</Typography.Link>
                </Upload>
              )}
            </Space>
          </Space>
        );
      },
    },
    {
      title: t('fiveStar.met'),
      key: 'met',
      width: 80,
      render: (_: unknown, i: StandardItem) => {
        const m = a.answers[i.key]!.met;
        return m === null ? (
          <Tag>{t('fiveStar.unknown')}</Tag>
        ) : (
          <Tag color={m ? 'green' : 'red'}>{m ? t('fiveStar.met') : t('fiveStar.notMet')}</Tag>
        );
      },
    },
    {
      title: t('fiveStar.review'),
      key: 'review',
      width: review ? 260 : 160,
      render: (_: unknown, i: StandardItem) => {
        const got = a.answers[i.key]!;
        if (!review) {
          if (!got.review) return '—';
          return got.review === 'accepted' ? (
            <Tag color="green">{t('fiveStar.accept')}</Tag>
          ) : (
            <Space direction="vertical" size={0}>
              <Tag color="orange">{t('fiveStar.return')}</Tag>
              <Typography.Text type="warning">{got.reviewReason}</Typography.Text>
            </Space>
          );
        }
        const r = reviews[i.key] ?? { accepted: true };
        return (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Radio.Group
              value={r.accepted}
              onChange={(e) => setReview(i.key, { ...r, accepted: e.target.value })}
              data-testid={`five-star-review-${i.key}`}
            >
              <Radio value={true}>{t('fiveStar.accept')}</Radio>
              <Radio value={false}>{t('fiveStar.return')}</Radio>
            </Radio.Group>
            {!r.accepted && (
              <Input
                placeholder={t('fiveStar.returnReason')}
                maxLength={500}
                value={r.reason}
                onChange={(e) => setReview(i.key, { ...r, reason: e.target.value })}
                data-testid={`five-star-reason-${i.key}`}
              />
            )}
          </Space>
        );
      },
    },
  ];
  const held = a.stars.includes(star.star);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <span>{starLabel(star.star, i18n.language)}</span>
          {held && <Tag color="gold">★</Tag>}
          {!held && a.earned.includes(star.star) && <Tag color="green">{t('fiveStar.met')}</Tag>}
        </Space>
      }
      data-testid={`five-star-star-${star.star}`}
    >
      <Table<StandardItem>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={star.items}
        columns={columns}
      />
    </Card>
  );
}
