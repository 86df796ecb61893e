import { useSearchParams } from 'react-router-dom';
import type { CaseFilters } from '../../api/case-types.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import type { DeskFilterValues } from './desk-filters.tsx';
import { pickQueue, type Queue } from './queues.ts';

/**
 * The chosen queue and filters of a case list, kept in the address (?tab=&category=&org=&source=&q=&unit=&from=&to=&phone=) so the
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
    unit: params.get('unit') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    phone: params.get('phone') ?? undefined,
  };
  const q = useDebounced(values.q.trim());
  const phone = useDebounced((values.phone ?? '').replace(/[\s-]/g, ''));
  /** the filters common to every queue of the page */
  const common: CaseFilters = {
    category: values.category,
    org: values.org,
    source: values.source,
    q: q || undefined,
    unit: values.unit,
    from: values.from,
    to: values.to,
    // only a whole number is searched: the server matches exactly
    phone: /^\+?\d{6,20}$/.test(phone) ? phone : undefined,
  };

  // the tab is read from the address as it is now, not as this render saw it: typing straight after
  // switching tabs must not switch back
  const write = (tab: string | null, next: DeskFilterValues) => {
    setParams(
      (current) => {
        const out = new URLSearchParams();
        // react-router hands the updater the params of its last render; the address bar has the latest tab
        const live = new URLSearchParams(window.location.search).get('tab');
        const chosen = tab ?? live ?? current.get('tab') ?? first;
        if (chosen && chosen !== first) out.set('tab', chosen);
        for (const k of ['category', 'org', 'source', 'q', 'unit', 'from', 'to', 'phone'] as const) {
          const v = next[k];
          if (v) out.set(k, v);
        }
        return out;
      },
      { replace: true },
    );
  };

  return {
    queue,
    values,
    common,
    filters: { ...common, ...queue.filter },
    setQueue: (tab: string) => write(tab, values),
    setValues: (next: DeskFilterValues) => write(null, next),
  };
}
