import { PhoneOutlined } from '@ant-design/icons';
import { DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUnitList } from '../../api/cases.ts';
import { unitName } from '../cases/unit-suggestions.ts';
import type { DeskFilterValues } from './desk-filters.tsx';

/**
 * The dispatcher's extra ways to find a case: the unit holding it, the reporting period and the caller's
 * phone (exact, matched by the server through its blind index; the number is never shown in lists).
 */
export function SearchFilters({
  values,
  onChange,
}: {
  values: DeskFilterValues;
  onChange: (next: DeskFilterValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const units = useUnitList();
  const set = (patch: Partial<DeskFilterValues>) => onChange({ ...values, ...patch });
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    values.from && values.to ? [dayjs(values.from), dayjs(values.to)] : null;
  return (
    <>
      <Select<string>
        className="desk-filter"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={units.isPending}
        value={values.unit}
        onChange={(unit) => set({ unit })}
        placeholder={t('search.unit')}
        aria-label={t('search.unit')}
        data-testid="filter-unit"
        options={(units.data ?? []).map((u) => ({ value: String(u.id), label: unitName(u, i18n.language) }))}
      />
      <DatePicker.RangePicker
        className="desk-filter desk-period"
        value={range}
        onChange={(d) =>
          set({
            from: d?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: d?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        aria-label={t('search.period')}
        data-testid="filter-period"
      />
      <Input
        className="desk-filter"
        allowClear
        inputMode="tel"
        prefix={<PhoneOutlined aria-hidden />}
        value={values.phone ?? ''}
        onChange={(e) => set({ phone: e.target.value || undefined })}
        placeholder={t('search.phonePlaceholder')}
        aria-label={t('search.phone')}
        data-testid="filter-phone"
      />
    </>
  );
}
