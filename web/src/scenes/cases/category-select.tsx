import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../api/case-types.ts';
import { useCategories } from '../../api/cases.ts';

interface CategoryOption {
  value: string;
  title: string;
  selectable: boolean;
  children?: CategoryOption[];
}

function buildOptions(rows: readonly Category[], lang: string, topSelectable: boolean): CategoryOption[] {
  const name = (c: Category) => `${c.code} ${lang === 'en-US' ? c.nameEn : c.nameZh}`;
  const tops = rows.filter((c) => c.parentCode === null).sort((a, b) => a.code.localeCompare(b.code));
  return tops.map((top) => ({
    value: top.code,
    title: name(top),
    selectable: topSelectable,
    children: rows
      .filter((c) => c.parentCode === top.code)
      .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
      .map((c) => ({ value: c.code, title: name(c), selectable: true })),
  }));
}

interface Props {
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** filters may pick a whole top-level category; filing needs a sub-category */
  topSelectable?: boolean;
  placeholder?: string;
  id?: string;
  className?: string;
  testId?: string;
  ariaLabel?: string;
}

/** The two-level case taxonomy as a searchable tree select. */
export function CategorySelect({
  value,
  onChange,
  topSelectable = false,
  placeholder,
  id,
  className,
  testId,
  ariaLabel,
}: Props) {
  const { i18n } = useTranslation();
  const categories = useCategories();
  const options = useMemo(
    () => buildOptions(categories.data ?? [], i18n.language, topSelectable),
    [categories.data, i18n.language, topSelectable],
  );
  return (
    <TreeSelect<string>
      id={id}
      className={className}
      data-testid={testId}
      aria-label={ariaLabel}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={categories.isPending}
      placeholder={placeholder}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={options}
      popupMatchSelectWidth={false}
      listHeight={320}
    />
  );
}
