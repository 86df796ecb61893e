import { getData } from '../api.ts';
import type { Category } from '../types.ts';
import { useLoad } from '../use-load.ts';

const CACHE_KEY = 'civicgrid.m.categories';
let memo: Category[] | null = null;

/**
 * The taxonomy, fetched once per visit and kept in localStorage, so a report can still be written (and kept
 * for later) when the phone has no connection.
 */
async function loadCategories(): Promise<Category[]> {
  if (memo) return memo;
  try {
    memo = await getData<Category[]>('/api/categories');
    try {
      localStorage.setItem(CACHE_KEY, JSON.stringify(memo));
    } catch {
      // storage full or blocked: fine while online
    }
    return memo;
  } catch (err) {
    const cached = localStorage.getItem(CACHE_KEY);
    if (cached) return JSON.parse(cached) as Category[];
    throw err;
  }
}

/** The selectable taxonomy for the report form. */
export function useCategories() {
  return useLoad('categories', loadCategories);
}
