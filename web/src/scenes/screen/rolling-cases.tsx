import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFilters, CaseListRow } from '../../api/case-types.ts';
import { query, request } from '../../api/client.ts';
import { categoryName, stateLabel } from '../../components/case-labels.ts';
import { formatShort } from '../../components/format-time.ts';
import { useCareAlertCodes } from './care-alert-codes.ts';

/** Rows fetched per list; the list rolls through them. */
const ROWS = 16;
/** Rows in view at once, and how often the list moves on by one. */
const VISIBLE = 6;
const ROLL_MS = 4_000;

/** The prefers-reduced-motion setting: a list that rolls stands still for those who asked for less motion. */
function useReducedMotion(): boolean {
  const [reduced] = useState(
    () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches,
  );
  return reduced;
}

/**
 * A rolling list of cases (the newest, or the overdue ones): the case list of the console (`GET /api/cases`,
 * the caller's scope) showing number, category, grid, state and time, without care alerts; one row moves on
 * every 4 s when there are more than fit, back to the top when a new first row arrives. The stream's refresh refetches it (query key `cases`).
 */
export function RollingCases({
  title,
  filters,
  testId,
  time,
}: {
  title: string;
  filters: CaseFilters;
  testId: string;
  /** which time a row shows: when it was reported, or its disposal deadline */
  time: 'reported' | 'deadline';
}) {
  const { t, i18n } = useTranslation();
  const reduced = useReducedMotion();
  const list = useQuery({
    queryKey: ['cases', 'screen', filters],
    queryFn: () => request<{ data: CaseListRow[] }>('GET', `/api/cases${query({ ...filters, limit: ROWS })}`),
    refetchInterval: 60_000,
  });
  const careAlerts = useCareAlertCodes();
  const rows = (list.data?.data ?? []).filter((c) => !careAlerts.has(c.categoryCode));
  const [offset, setOffset] = useState(0);
  // new rows (a case just reported) start the roll again from the top, where the newest is
  const head = rows[0]?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the reset is what a new first row triggers
  useEffect(() => setOffset(0), [head]);
  useEffect(() => {
    if (reduced || rows.length <= VISIBLE) return;
    const timer = setInterval(() => setOffset((o) => (o + 1) % rows.length), ROLL_MS);
    return () => clearInterval(timer);
  }, [reduced, rows.length]);
  const shown =
    rows.length <= VISIBLE
      ? rows
      : Array.from({ length: VISIBLE }, (_, i) => rows[(offset + i) % rows.length]!);
  return (
    <Card size="small" title={title} className="screen-card" data-testid={testId}>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('screen.noCases')} />
      ) : (
        <ol className="screen-roll" aria-live="off">
          {shown.map((c) => (
            <li key={c.id} data-testid="screen-roll-row" data-case-id={c.id}>
              <span className={`screen-light screen-light-${c.light ?? 'none'}`} aria-hidden="true" />
              <span className="screen-roll-no">{t('case.number', { id: c.id })}</span>
              <span className="screen-roll-what">
                {categoryName(c, i18n.language)}
                <span className="screen-roll-where"> · {c.gridName ?? t('screen.noGrid')}</span>
              </span>
              <span className="screen-roll-state">{stateLabel(c.state, i18n.language, c.checkPassed)}</span>
              <span className="screen-roll-time">
                {formatShort(time === 'reported' ? c.reportedAt : c.deadlineAt)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
