import { useMemo } from 'react';
import { useCategories } from '../../api/cases.ts';

/**
 * The categories of care alerts (独居老人关爱预警). The big screen shows none of their cases one by one: such a
 * case points at a lone elder's home, and the screen hangs where visitors see it; the care panel counts them.
 */
export function useCareAlertCodes(): ReadonlySet<string> {
  const categories = useCategories();
  return useMemo(
    () => new Set((categories.data ?? []).filter((c) => c.isCareAlert).map((c) => c.code)),
    [categories.data],
  );
}
