import './scores.css';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Segmented,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries.ts';
import { type RankingEntry, type RankingLevel, useFlagHistory, useRanking } from '../../api/scores.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { DASHBOARD_ROLES, widestScope } from '../../components/user-roles.ts';
import { percent } from '../dashboard/kpi-cards.tsx';
import { ScoreSettingsCard } from './score-settings.tsx';

/** A red or black flag with the reasons it was given. */
export function FlagTag({ flag, reasons }: { flag: 'red' | 'black' | null; reasons: string[] }) {
  const { t } = useTranslation();
  if (!flag) return null;
  return (
    <Tooltip title={reasons.map((r) => t(`scores.reasons.${r}`)).join('，')}>
      <Tag className={`flag-tag flag-${flag}`} data-testid={`flag-${flag}`}>
        {flag === 'red' ? '▲ ' : '▼ '}
        {t(`scores.${flag}`)}
      </Tag>
    </Tooltip>
  );
}

/**
 * 一周一评比: the ranking of streets, communities or units for a week, by peer group, with scores, grades and
 * red/black flags; the window and the minimum case count printed above it; past flags below.
 */
export function RankingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const root = widestScope(me.data, DASHBOARD_ROLES);
  const districtWide = root?.level === 'district';
  const isAdmin = !!me.data?.grants.some((g) => g.role === 'district_admin' && g.scopeLevel === 'district');
  const [level, setLevel] = useState<RankingLevel>('community');
  const [week, setWeek] = useState<Dayjs | null>(null);
  const effective: RankingLevel = districtWide ? level : 'community';
  const org = root?.code ?? '';
  const ranking = useRanking(effective, org, week ? week.format('YYYY-MM-DD') : null);
  const flags = useFlagHistory(effective, org);
  if (me.isPending) return <PageSpin />;
  if (!root) return <Empty description={t('dashboard.noScope')} />;
  const r = ranking.data;
  const wideRates =
    effective === 'unit'
      ? (['disposeOnTimeRate', 'disposeRate', 'reworkRate'] as const)
      : (['closeOnTimeRate', 'closeRate', 'satisfactionRate', 'recurrenceRate'] as const);
  const columns: TableColumnsType<RankingEntry> = [
    {
      title: t('scores.rank'),
      dataIndex: 'rank',
      width: 64,
      align: 'center',
      render: (v: number | null) => v ?? '—',
    },
    { title: t('scores.name'), dataIndex: 'name' },
    {
      title: t('scores.score'),
      dataIndex: 'score',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
    },
    { title: t('scores.grade'), dataIndex: 'grade', align: 'center', render: (g: string | null) => g ?? '—' },
    ...wideRates.map((name) => ({
      title: t(`kpi.${name}`),
      key: name,
      align: 'right' as const,
      responsive: ['lg' as const],
      render: (_: unknown, e: RankingEntry) => percent(e.rates?.[name].rate ?? null),
    })),
    { title: t('scores.volume'), dataIndex: 'volume', align: 'right', responsive: ['md'] },
    {
      title: t('scores.flag'),
      key: 'flag',
      render: (_: unknown, e) =>
        e.unranked ? (
          <Typography.Text type="secondary">{t(`scores.unranked.${e.unranked}`)}</Typography.Text>
        ) : (
          <FlagTag flag={e.flag} reasons={e.reasons} />
        ),
    },
  ];
  const groups = [...new Set((r?.entries ?? []).map((e) => e.peerGroup))];
  return (
    <div className="page rankings-page" data-testid="rankings-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('scores.title')}
        </Typography.Title>
        <div className="page-head-tools">
          {districtWide && (
            <Segmented<RankingLevel>
              value={level}
              onChange={setLevel}
              data-testid="ranking-level"
              options={(['street', 'community', 'unit'] as const).map((l) => ({
                value: l,
                label: t(`scores.level.${l}`),
              }))}
            />
          )}
          <DatePicker
            picker="week"
            value={week}
            onChange={setWeek}
            placeholder={t('scores.week')}
            aria-label={t('scores.week')}
          />
        </div>
      </div>
      {ranking.isError && <ErrorAlert error={ranking.error} onRetry={() => void ranking.refetch()} />}
      {r && (
        <div className="ranking-meta" data-testid="ranking-meta">
          <span data-testid="ranking-window">{t('scores.window', r.window)}</span>
          <span data-testid="ranking-min">{t('scores.minCases', { n: r.minCases })}</span>
          {r.stored ? (
            <Tag color="blue">{t('scores.stored')}</Tag>
          ) : (
            <Alert type="info" showIcon banner message={t('scores.provisional')} />
          )}
        </div>
      )}
      {groups.length === 0 && !ranking.isPending && <Empty description={t('scores.empty')} />}
      {groups.map((g) => {
        const rows = r!.entries.filter((e) => e.peerGroup === g);
        return (
          <Card
            key={g}
            size="small"
            className="ranking-card"
            title={`${t(`scores.group.${g}`, { defaultValue: g })} · ${t('scores.of', { n: rows[0]?.of ?? 0 })}`}
          >
            <Table<RankingEntry>
              rowKey="key"
              size="small"
              data-testid="ranking-table"
              columns={columns}
              dataSource={rows}
              pagination={false}
              loading={ranking.isFetching}
              rowClassName={(e) => (e.flag ? `ranking-row-${e.flag}` : '')}
            />
          </Card>
        );
      })}
      <Card size="small" title={t('scores.history')} className="ranking-card" data-testid="flag-history">
        {flags.data?.length ? (
          <ul className="flag-history">
            {flags.data.slice(0, 40).map((f) => (
              <li key={`${f.weekStart}-${f.key}`}>
                <span className="flag-week">{f.weekStart}</span> <FlagTag flag={f.flag} reasons={f.reasons} />{' '}
                {f.name}
                {f.score !== null && (
                  <Typography.Text type="secondary"> {f.score.toFixed(1)}</Typography.Text>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('scores.noHistory')}</Typography.Text>
        )}
      </Card>
      {isAdmin && <ScoreSettingsCard />}
      <Button type="link" href="/bulletins" className="ranking-bulletins-link">
        {t('bulletins.title')} →
      </Button>
    </div>
  );
}
