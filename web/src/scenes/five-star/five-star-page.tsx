import './five-star.css';
import { DownloadOutlined, StarFilled } from '@ant-design/icons';
import { Alert, Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { type Standing, starLabel, useStandings } from '../../api/five-star.ts';
import { useMe } from '../../api/queries.ts';
import { FiveStarTargets } from './five-star-targets.tsx';

/** The district's year (UTC+8) for the default year picker. */
export const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/** Stars as filled icons, for tables and headers. */
export function Stars({ n }: { n: number }) {
  return (
    <span className="five-star-stars" role="img" aria-label={`${n}★`}>
      {[1, 2, 3, 4, 5].map((i) => (
        <StarFilled key={i} style={{ color: i <= n ? '#f5a623' : '#d9d9d9' }} />
      ))}
    </span>
  );
}

/**
 * /five-star: the branches of the user's scope for a year, ranked by stars (a community sees itself, a street
 * its communities), with the export, the street targets and a link to each branch's assessment.
 */
export function FiveStarPage() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(thisYear());
  const list = useStandings(year);
  const me = useMe();
  const decides = me.data?.can['fivestar.decide'] ?? false;
  const columns = [
    {
      title: t('scores.rank'),
      key: 'rank',
      width: 60,
      render: (_: unknown, __: Standing, i: number) => i + 1,
    },
    {
      title: t('fiveStar.branch'),
      dataIndex: 'name',
      render: (name: string, b: Standing) => (
        <Link to={`/five-star/${b.code}/${year}`} data-testid={`five-star-open-${b.code}`}>
          {name}
        </Link>
      ),
    },
    { title: t('fiveStar.street'), dataIndex: 'streetName' },
    { title: t('fiveStar.scope'), dataIndex: 'scope', render: (s: string) => t(`fiveStar.${s as 'urban'}`) },
    {
      title: t('fiveStar.starCount'),
      key: 'n',
      render: (_: unknown, b: Standing) => <Stars n={b.stars.length} />,
    },
    {
      title: t('fiveStar.stars'),
      dataIndex: 'stars',
      render: (stars: string[]) => stars.map((s) => <Tag key={s}>{starLabel(s, i18n.language)}</Tag>),
    },
    {
      title: t('fiveStar.state'),
      dataIndex: 'state',
      render: (s: Standing['state'], b: Standing) => (
        <Space size={4}>
          {s ? t(`fiveStar.states.${s}`) : t('fiveStar.none')}
          {b.vetoed && <Tag color="red">{t('fiveStar.vetoed')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="five-star-page">
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('fiveStar.title')}
        </Typography.Title>
        <span>{t('fiveStar.year')}</span>
        <InputNumber
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          aria-label={t('fiveStar.year')}
          data-testid="five-star-year"
        />
        <Button icon={<DownloadOutlined />} href={`/api/five-star/standings.xlsx?year=${year}`}>
          {t('fiveStar.export')}
        </Button>
        <Link to={`/five-star/standards/${year}`}>
          <Button>{decides ? t('fiveStar.editStandards') : t('fiveStar.standards')}</Button>
        </Link>
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <Card title={t('fiveStar.ranking')} size="small" style={{ marginBottom: 16 }}>
        <Table<Standing>
          rowKey="code"
          size="small"
          loading={list.isPending}
          dataSource={list.data ?? []}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="five-star-standings"
        />
      </Card>
      <FiveStarTargets year={year} decides={decides} />
    </div>
  );
}
