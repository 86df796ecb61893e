import { Card, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Assessment, starLabel, useBranchHistory } from '../../api/five-star.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { Stars } from './five-star-page.tsx';

/** The assessment's events (submitted, returned with reasons, decided, vetoed with a date) and the branch's years. */
export function FiveStarHistory({ a }: { a: Assessment }) {
  const { t, i18n } = useTranslation();
  const years = useBranchHistory(a.branch.code);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('fiveStar.history')} data-testid="five-star-history">
        <Timeline
          items={a.events.map((e) => ({
            color: e.kind === 'vetoed' ? 'red' : e.kind === 'returned' ? 'orange' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  <strong>{t(`fiveStar.event.${e.kind as 'submitted'}`)}</strong> · {formatDateTime(e.at)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                </span>
                {e.effectiveOn && <span>{t('fiveStar.effective', { date: e.effectiveOn })}</span>}
                {e.stars && <span>{e.stars.map((s) => starLabel(s, i18n.language)).join('、') || '—'}</span>}
                {e.reason && <Typography.Text type="secondary">{e.reason}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>
      <Card size="small" title={t('fiveStar.years')}>
        {(years.data?.years ?? []).map((y) => (
          <div key={y.year}>
            <Space>
              <span>{y.year}</span>
              <Stars n={y.stars.length} />
              {y.vetoes > 0 && <Tag color="red">{t('fiveStar.vetoed')}</Tag>}
            </Space>
          </div>
        ))}
      </Card>
    </Space>
  );
}
