import { Empty, Skeleton } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type Period, type TrendPoint, useTrend } from '../../api/stats.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

// Only the parts this chart uses, so the dashboard chunk does not carry all of ECharts.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function Chart({ points, dark }: { points: TrendPoint[]; dark: boolean }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box.current);
    chart.setOption({
      // on the big screen's dark panels the chart takes their colour
      ...(dark ? { backgroundColor: 'transparent' } : {}),
      grid: { left: 36, right: 16, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: points.map((p) => p.day.slice(5)), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('trend.reported'),
          type: 'line',
          data: points.map((p) => p.reported),
          color: '#1f5fbf',
        },
        {
          name: t('trend.closed'),
          type: 'line',

          data: points.map((p) => p.closed),
          color: '#52c41a',
        },
      ],
    });
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points, t, dark]);
  return (
    <div
      ref={box}
      className="trend-chart"
      role="img"
      aria-label={t('trend.label')}
      data-testid="trend-chart"
    />
  );
}

/** Cases reported and closed per day under a node (ECharts line), or why there is no chart; `dark` for the big screen. */
export function TrendChart({ org, period, dark = false }: { org: string; period: Period; dark?: boolean }) {
  const { t } = useTranslation();
  const trend = useTrend(org, period);
  if (trend.isPending) return <Skeleton active />;
  if (trend.isError) return <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />;
  if (trend.data === null)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trend.unavailable')} />;
  if (!trend.data.some((p) => p.reported || p.closed))
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trend.empty')} data-testid="trend-empty" />
    );
  return <Chart points={trend.data} dark={dark} />;
}
