import type { SelectProps } from 'antd';
import type { UnitDetail } from '../../api/case-types.ts';

/**
 * The units to suggest for a category at a street: those owning the exact sub-category first, then those
 * owning its top level; a unit limited to some streets is suggested only inside them.
 */
export function suggestUnits(units: readonly UnitDetail[], categoryCode: string, streetId: number | null) {
  const top = categoryCode.slice(0, 2);
  const rank = (u: UnitDetail) =>
    u.categories.includes(categoryCode) ? 0 : u.categories.includes(top) ? 1 : 2;
  return units
    .filter((u) => rank(u) < 2)
    .filter((u) => u.streetIds.length === 0 || (streetId !== null && u.streetIds.includes(streetId)))
    .sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
}

/** A unit's name in the UI language. */
export function unitName(u: Pick<UnitDetail, 'name' | 'nameEn'>, lang: string): string {
  return lang === 'en-US' && u.nameEn ? u.nameEn : u.name;
}

/** Select options: the suggested units in their own group, then every other unit. */
export function unitOptions(
  all: readonly UnitDetail[],
  suggested: readonly UnitDetail[],
  lang: string,
  labels: { suggested: string; others: string },
): NonNullable<SelectProps['options']> {
  const picked = new Set(suggested.map((u) => u.id));
  const option = (u: UnitDetail) => ({ value: u.id, label: unitName(u, lang), code: u.code });
  const others = all.filter((u) => !picked.has(u.id)).map(option);
  if (suggested.length === 0) return others;
  return [
    { label: labels.suggested, title: labels.suggested, options: suggested.map(option) },
    { label: labels.others, title: labels.others, options: others },
  ];
}
