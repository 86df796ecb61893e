import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons.tsx';
import { Sheet } from '../components/sheet.tsx';
import type { Category } from '../types.ts';

interface CategoryPickerProps {
  categories: Category[];
  onPick(category: Category): void;
  onClose(): void;
}

/** Lower-case text a category is found by: names in both languages, keywords and the code. */
function haystack(c: Category, parent: Category | undefined): string {
  return [c.code, c.nameZh, c.nameEn, ...c.keywords, parent?.nameZh ?? '', parent?.nameEn ?? '']
    .join(' ')
    .toLowerCase();
}

/** Whether every word of the query occurs in the text (so "路灯 不亮" and "street light" both work). */
function matches(text: string, query: string): boolean {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

/** A full-height sheet: search over zh/en names and keywords, sub-categories grouped under their top level. */
export function CategoryPicker({ categories, onPick, onClose }: CategoryPickerProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const en = i18n.language === 'en-US';
  useEffect(() => search.current?.focus(), []);

  const groups = useMemo(() => {
    const tops = categories.filter((c) => c.parentCode === null).sort((a, b) => a.sort - b.sort);
    const byCode = new Map(tops.map((c) => [c.code, c]));
    return tops
      .map((top) => ({
        top,
        subs: categories
          .filter((c) => c.parentCode === top.code && !c.isCareAlert)
          .filter((c) => !query.trim() || matches(haystack(c, byCode.get(top.code)), query))
          .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code)),
      }))
      .filter((g) => g.subs.length > 0);
  }, [categories, query]);

  const name = (c: Category) => (en ? c.nameEn : c.nameZh);
  return (
    <Sheet title={t('report.chooseCategory')} onClose={onClose} full testId="category-sheet">
      <label className="m-search">
        <Icon name="search" size={20} />
        <span className="m-visually-hidden">{t('report.categorySearch')}</span>
        <input
          ref={search}
          type="search"
          value={query}
          placeholder={t('report.categorySearchPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="category-search"
          enterKeyHint="search"
        />
      </label>
      {groups.length === 0 && <p className="m-empty">{t('report.categoryNone')}</p>}
      {groups.map(({ top, subs }) => (
        <section key={top.code} className="m-cat-group" aria-label={name(top)}>
          <h3>{name(top)}</h3>
          <div className="m-cat-list">
            {subs.map((c) => (
              <button
                key={c.code}
                type="button"
                className="m-cat-option"
                data-testid={`category-option-${c.code}`}
                onClick={() => onPick(c)}
              >
                {name(c)}
              </button>
            ))}
          </div>
        </section>
      ))}
    </Sheet>
  );
}
