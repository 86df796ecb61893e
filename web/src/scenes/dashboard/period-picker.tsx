import { DatePicker, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period } from '../../api/stats.ts';
import { useIsDesktop } from '../../components/use-media-query.ts';
import type { PeriodKind } from './period.ts';

const future = (d: Dayjs) => d.valueOf() > Date.now();

/** This week / this month / a custom range of days (at most a year, as the statistics allow). */
export function PeriodPicker({
  kind,
  onKind,
  onRange,
}: {
  kind: PeriodKind;
  onKind: (kind: PeriodKind) => void;
  onRange: (range: Period | null) => void;
}) {
  const { t } = useTranslation();
  const isDesktop = useIsDesktop();
  const [picked, setPicked] = useState<[Dayjs | null, Dayjs | null]>([null, null]);
  const setRange = (from: Dayjs | null, to: Dayjs | null) => {
    setPicked([from, to]);
    onRange(
      from && to && !from.isAfter(to)
        ? { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }
        : null,
    );
  };
  return (
    <div className="period-picker">
      <Segmented<PeriodKind>
        value={kind}
        onChange={onKind}
        aria-label={t('dashboard.period')}
        data-testid="period-kind"
        options={[
          { value: 'week', label: t('dashboard.week') },
          { value: 'month', label: t('dashboard.month') },
          { value: 'custom', label: t('dashboard.custom') },
        ]}
      />
      {kind === 'custom' &&
        (isDesktop ? (
          // No aria-label: antd would put it on both inputs, whose placeholders (开始日期/结束日期) label them.
          <DatePicker.RangePicker
            allowClear={false}
            disabledDate={future}
            onChange={(range) => {
              const [from, to] = range ?? [];
              setRange(from ?? null, to ?? null);
            }}
          />
        ) : (
          // A range panel shows two months side by side, wider than a phone: two single pickers instead.
          <div className="period-days">
            <DatePicker
              aria-label={t('dashboard.from')}
              placeholder={t('dashboard.from')}
              disabledDate={future}
              inputReadOnly
              onChange={(d) => setRange(d, picked[1])}
            />
            <DatePicker
              aria-label={t('dashboard.to')}
              placeholder={t('dashboard.to')}
              disabledDate={future}
              inputReadOnly
              onChange={(d) => setRange(picked[0], d)}
            />
          </div>
        ))}
    </div>
  );
}
