import { Card, Skeleton, Statistic, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Period, RateName } from '../../api/stats.ts';
import { useKpis } from '../../api/stats.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** The rates on the cards, in the order a leader reads them (PRODUCT §5). */
const CARDS: readonly RateName[] = [
  'disposeRate',
  'disposeOnTimeRate',
  'closeRate',
  'closeOnTimeRate',
  'satisfactionRate',
  'reworkRate',
];

/** A percentage with one decimal, or "—" when there is nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** KPI cards of a node over the period: each rate with its numerator/denominator, reports and handling time. */
export function KpiCards({ org, period }: { org: string; period: Period }) {
  const { t } = useTranslation();
  const kpis = useKpis(org, period);
  if (kpis.isError) return <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />;
  const k = kpis.data;
  return (
    <div className="kpi-grid" data-testid="kpi-cards" aria-busy={kpis.isFetching}>
      <Card size="small" className="kpi-card">
        {k ? (
          <Statistic title={t('kpi.reported')} value={k.counts.reported} data-testid="kpi-reported" />
        ) : (
          <Skeleton active paragraph={false} />
        )}
      </Card>
      {CARDS.map((name) => {
        const r = k?.rates[name];
        return (
          <Card size="small" className="kpi-card" key={name}>
            {r ? (
              <Tooltip title={t(`kpi.help.${name}`)}>
                <div data-testid={`kpi-${name}`} data-rate={r.rate ?? ''}>
                  <Statistic title={t(`kpi.${name}`)} value={percent(r.rate)} />
                  <div className="kpi-parts">
                    {r.denominator === 0 ? t('kpi.noDenominator') : `${r.numerator} / ${r.denominator}`}
                  </div>
                </div>
              </Tooltip>
            ) : (
              <Skeleton active paragraph={false} />
            )}
          </Card>
        );
      })}
      <Card size="small" className="kpi-card">
        {k ? (
          <Statistic
            title={t('kpi.medianHours')}
            value={k.medianHandlingHours === null ? '—' : k.medianHandlingHours.toFixed(1)}
            suffix={k.medianHandlingHours === null ? undefined : t('kpi.hours')}
          />
        ) : (
          <Skeleton active paragraph={false} />
        )}
      </Card>
    </div>
  );
}
