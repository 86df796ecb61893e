import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getData } from '../../api/client.ts';
import { getPopulation } from '../../api/people.ts';
import { useMe } from '../../api/queries.ts';
import './people.css';

/** Bars of counts, each as wide as its share of the largest. */
function Bars({
  rows,
  testId,
}: {
  rows: { key: string; label: string; count: number; sensitive?: boolean }[];
  testId: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <div className="population-bars" data-testid={testId}>
      {rows.map((r) => (
        <div key={r.key} style={{ display: 'contents' }}>
          <span>{r.label}</span>
          <div
            className={`population-bar${r.sensitive ? ' sensitive' : ''}`}
            style={{ width: `${(100 * r.count) / max}%` }}
          />
          <span style={{ textAlign: 'right' }}>{r.count.toLocaleString()}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * Population of an org node (by id, or by code on the dashboard): residents, households, age bands and tag
 * counts. Sensitive tags come only to roles that may see them. Shown to the area's staff and leaders.
 */
export function PopulationPanel({
  nodeId,
  code,
  card = true,
}: {
  nodeId?: number;
  code?: string;
  card?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const can = useMe().data?.can;
  const allowed = !!can && (can['people.read'] || can['case.read']);
  const stats = useQuery({
    queryKey: ['population', nodeId ?? code],
    queryFn: async () => {
      const id = nodeId ?? (await getData<{ id: number }>(`/api/org/by-code/${code}`)).id;
      return getPopulation(id);
    },
    enabled: allowed && (nodeId !== undefined || !!code),
    staleTime: 60_000,
  });
  if (!allowed) return null;
  const s = stats.data;
  const body = !s ? (
    <Skeleton active paragraph={{ rows: 4 }} />
  ) : (
    <>
      <div style={{ display: 'flex', gap: 32, marginBottom: 12 }}>
        <Statistic title={t('people.population.residents')} value={s.residents} />
        <Statistic title={t('people.population.households')} value={s.households} />
      </div>
      <Typography.Text strong>{t('people.population.byAge')}</Typography.Text>
      <Bars
        testId="population-ages"
        rows={s.byAgeBand.map((b) => ({
          key: b.key,
          label: t(`people.population.bands.${b.key}` as 'people.population.bands.80+'),
          count: b.count,
        }))}
      />
      <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
        {t('people.population.byTag')}
      </Typography.Text>
      <Bars
        testId="population-tags"
        rows={s.byTag.map((x) => ({
          key: String(x.tag.id),
          label: i18n.language === 'en-US' && x.tag.nameEn ? x.tag.nameEn : x.tag.name,
          count: x.count,
          sensitive: x.tag.sensitive,
        }))}
      />
    </>
  );
  if (!card) return <div data-testid="population-panel">{body}</div>;
  return (
    <Card
      size="small"
      title={t('people.population.title')}
      data-testid="population-panel"
      style={{ marginTop: 12 }}
    >
      {body}
    </Card>
  );
}
