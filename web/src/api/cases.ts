import type { CaseAction } from '@civicgrid/shared';
import { keepPreviousData, type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  ActionFields,
  ActionFiles,
  CaseAnswer,
  CaseFilters,
  CaseListRow,
  Category,
  DeadlinePreview,
  UnitDetail,
} from './case-types.ts';
import { getData, query, request } from './client.ts';

/** Every cached case list and count starts with this key, so one invalidation refreshes them all. */
export const CASES_KEY = 'cases';
export const caseKey = (id: number) => ['case', id] as const;

interface CasePage {
  data: CaseListRow[];
  nextCursor: string | null;
}

const listPath = (filters: CaseFilters, cursor: string | null, limit: number) =>
  `/api/cases${query({ ...filters, cursor, limit })}`;

/** The cases matching the filters, a page at a time. */
export function useCasePages(filters: CaseFilters, pageSize = 30, enabled = true) {
  return useInfiniteQuery({
    queryKey: [CASES_KEY, 'list', filters, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => request<CasePage>('GET', listPath(filters, pageParam, pageSize)),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The list answers no totals; a queue shows up to this many and "99+" beyond. */
export const COUNT_CAP = 99;

/** How many cases match the filters, up to COUNT_CAP (more: true beyond it). */
export function useCaseCount(filters: CaseFilters, enabled = true) {
  return useQuery({
    queryKey: [CASES_KEY, 'count', filters],
    queryFn: async () => {
      const page = await request<CasePage>('GET', listPath(filters, null, COUNT_CAP + 1));
      return { count: Math.min(page.data.length, COUNT_CAP), more: page.data.length > COUNT_CAP };
    },
    enabled,
    staleTime: 15_000,
  });
}

/** One case with its timeline and the caller's abilities. */
export function useCase(id: number | null) {
  return useQuery({
    queryKey: caseKey(id ?? 0),
    queryFn: () => request<CaseAnswer>('GET', `/api/cases/${id}`),
    enabled: id !== null,
  });
}

/** Fires one transition: JSON, or multipart when photo files go with it. */
export function fireCaseAction(
  id: number,
  action: CaseAction,
  fields: ActionFields,
  files: ActionFiles = {},
): Promise<CaseAnswer> {
  const path = `/api/cases/${id}/actions/${action}`;
  const hasFiles = Object.values(files).some((list) => list && list.length > 0);
  if (!hasFiles) return request<CaseAnswer>('POST', path, fields);
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null || v === '') continue;
    form.append(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  for (const [field, list] of Object.entries(files) as [keyof ActionFiles, File[] | undefined][])
    for (const file of list ?? []) form.append(field, file, file.name);
  return request<CaseAnswer>('POST', path, form);
}

/** After a transition: the case answer goes into the cache and every list and count is refetched. */
export function applyCaseAnswer(client: QueryClient, id: number, answer: CaseAnswer): void {
  // a full case, or only { id, state } when the caller no longer holds it (a unit that returned it)
  if ('events' in answer.data) client.setQueryData(caseKey(id), answer);
  else void client.invalidateQueries({ queryKey: caseKey(id) });
  void client.invalidateQueries({ queryKey: [CASES_KEY] });
  void client.invalidateQueries({ queryKey: ['stats'] });
}

/** The address of the Excel ledger (台账) of the filtered list. */
export function ledgerUrl(filters: CaseFilters): string {
  return `/api/cases/export.xlsx${query({ ...filters })}`;
}

/** The case taxonomy (active rows). */
export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => getData<Category[]>('/api/categories'),
    staleTime: 10 * 60_000,
  });
}

/** One category with its limits and questions. */
export function useCategory(code: string | undefined) {
  return useQuery({
    queryKey: ['categories', code],
    queryFn: () => getData<Category>(`/api/categories/${code}`),
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
}

/** Units of the caller's district; with a category, only those owning it (or its top level). */
export function useUnitList(category?: string, enabled = true) {
  return useQuery({
    queryKey: ['units', 'detail', category ?? ''],
    queryFn: () => getData<UnitDetail[]>(`/api/units${query({ category })}`),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The deadline a limit gives from now on the district's working calendar. */
export function useDeadlinePreview(limit: { value: number; unit: 'hour' | 'day' } | undefined) {
  return useQuery({
    queryKey: ['calendar', 'preview', limit?.value, limit?.unit],
    queryFn: () =>
      getData<DeadlinePreview>(
        `/api/calendar/preview${query({ start: new Date().toISOString(), value: limit?.value, unit: limit?.unit })}`,
      ),
    enabled: !!limit,
    staleTime: 60_000,
  });
}
