import type { Category, CategoryLimits } from '@civicgrid/shared';
import { useQuery } from '@tanstack/react-query';
import { getData, sendData } from '../../api/client.ts';

export const CATEGORIES_ADMIN_KEY = ['categories', 'all'] as const;

/** Every category, inactive ones included (administrators only). */
export function useAllCategories() {
  return useQuery({
    queryKey: CATEGORIES_ADMIN_KEY,
    queryFn: () => getData<Category[]>('/api/categories?all=true'),
  });
}

/** The fields the category form may change. */
export type CategoryChanges = Partial<
  Pick<
    Category,
    | 'nameZh'
    | 'nameEn'
    | 'limits'
    | 'duplicateRadiusM'
    | 'questions'
    | 'filingCriteria'
    | 'closingCriteria'
    | 'active'
    | 'sort'
  >
>;

/** Changes a category; resolves to the saved row. */
export function updateCategory(code: string, changes: CategoryChanges): Promise<Category> {
  return sendData<Category>('PATCH', `/api/categories/${encodeURIComponent(code)}`, changes);
}

/** Creates a sub-category under a top-level category; resolves to the new row. */
export function createCategory(
  body: { parentCode: string; nameZh: string; nameEn: string; limits: CategoryLimits } & CategoryChanges,
): Promise<Category> {
  return sendData<Category>('POST', '/api/categories', body);
}
