import { SearchOutlined } from '@ant-design/icons';
import { Input, Select, TreeSelect } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_SOURCES } from '../../api/case-types.ts';
import { useOrgTree } from '../../api/queries.ts';
import { CategorySelect } from '../cases/category-select.tsx';
import { areaOptions } from './filter-options.ts';

/** The desk's filter values as kept in the address. */
export interface DeskFilterValues {
  category?: string;
  org?: string;
  source?: string;
  q: string;
  /** the dispatcher's search (SearchFilters): unit id, reporting period, caller's phone */
  unit?: string;
  from?: string;
  to?: string;
  phone?: string;
}

/** Filters above a case list: category, area (street/community), source and free text. */
export function DeskFilters({
  values,
  onChange,
  showSource = true,
  children,
}: {
  values: DeskFilterValues;
  onChange: (next: DeskFilterValues) => void;
  showSource?: boolean;
  /** further filters of the page, after the text search */
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const tree = useOrgTree();
  const areas = useMemo(() => areaOptions(tree.data ?? [], i18n.language), [tree.data, i18n.language]);
  const set = (patch: Partial<DeskFilterValues>) => onChange({ ...values, ...patch });
  return (
    <section className="desk-filters" aria-label={t('desk.filters')}>
      <CategorySelect
        className="desk-filter"
        topSelectable
        value={values.category}
        onChange={(category) => set({ category })}
        placeholder={t('desk.filterCategory')}
        ariaLabel={t('desk.filterCategory')}
        testId="filter-category"
      />
      <TreeSelect<string>
        className="desk-filter"
        allowClear
        showSearch={{ treeNodeFilterProp: 'title' }}
        loading={tree.isPending}
        treeData={areas}
        treeDefaultExpandedKeys={areas.map((a) => a.value)}
        value={values.org}
        onChange={(org) => set({ org: org ?? undefined })}
        placeholder={t('desk.filterArea')}
        aria-label={t('desk.filterArea')}
        data-testid="filter-area"
        popupMatchSelectWidth={false}
      />
      {showSource && (
        <Select<string>
          className="desk-filter"
          allowClear
          value={values.source}
          onChange={(source) => set({ source })}
          placeholder={t('desk.filterSource')}
          aria-label={t('desk.filterSource')}
          data-testid="filter-source"
          options={CASE_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
        />
      )}
      <Input
        className="desk-filter desk-search"
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        value={values.q}
        onChange={(e) => set({ q: e.target.value })}
        placeholder={t('desk.search')}
        aria-label={t('desk.search')}
        data-testid="filter-q"
      />
      {children}
    </section>
  );
}
