import { useSearchParams } from 'react-router-dom';
import type { CaseFilters } from '../../api/case-types.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import type { DeskFilterValues } from './desk-filters.tsx';
import { pickQueue, type Queue } from './queues.ts';

/**
 * The chosen queue and filters of a case list, kept in the address (?tab=&category=&org=&source=&q=) so the
 * back button from a case returns to the same list.
 */
export function useListParams(queues: readonly Queue[], defaultKey?: string) {
  const [params, setParams] = useSearchParams();
  const first = defaultKey ?? queues[0]?.key;
  const queue = pickQueue(queues, params.get('tab') ?? first ?? null);
  const values: DeskFilterValues = {
    category: params.get('category') ?? undefined,
    org: params.get('org') ?? undefined,
    source: params.get('source') ?? undefined,
    q: params.get('q') ?? '',
  };
  const q = useDebounced(values.q.trim());
  /** the filters common to every queue of the page */
  const common: CaseFilters = {
    category: values.category,
    org: values.org,
    source: values.source,
    q: q || undefined,
  };

  const write = (tab: string, next: DeskFilterValues) => {
    const out = new URLSearchParams();
    if (tab !== first) out.set('tab', tab);
    for (const k of ['category', 'org', 'source', 'q'] as const) {
      const v = next[k];
      if (v) out.set(k, v);
    }
    setParams(out, { replace: true });
  };

  return {
    queue,
    values,
    common,
    filters: { ...common, ...queue.filter },
    setQueue: (tab: string) => write(tab, values),
    setValues: (next: DeskFilterValues) => write(queue.key, next),
  };
}
