import { useTranslation } from 'react-i18next';
import { colorStops, type Metric } from './map-layers.ts';

/**
 * The colour ramp of a map coloured by a KPI, with its ends, the "no value" swatch and the points' swatch;
 * the dashboard and the big screen style it under their own class prefix (`dash`, `screen`).
 */
export function MapLegend(props: {
  metric: Metric;
  max: number;
  prefix: 'dash' | 'screen';
  testId: string;
  /** the class suffix of the points' swatch and its label */
  points: { kind: string; label: string };
}) {
  const { t } = useTranslation();
  const { metric, max, prefix } = props;
  const colors = colorStops(metric, max).filter((s): s is string => typeof s === 'string');
  return (
    <div className={`${prefix}-legend`} data-testid={props.testId}>
      <span>{metric === 'total' || metric === 'score' ? '0' : '0%'}</span>
      <span
        className={`${prefix}-legend-ramp`}
        style={{ background: `linear-gradient(90deg, ${colors.join(', ')})` }}
      />
      <span>{metric === 'total' ? Math.max(max, 1) : metric === 'score' ? '100' : '100%'}</span>
      <span className={`${prefix}-legend-none`} /> {t('dashboard.noValue')}
      <span className={`${prefix}-legend-${props.points.kind}`} /> {props.points.label}
    </div>
  );
}
