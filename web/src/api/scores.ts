import type {
  Bulletin,
  BulletinKind,
  BulletinSummary,
  FlagRecord,
  Ranking,
  RankingLevel,
} from '@civicgrid/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getData, query, sendData } from './client.ts';

export type {
  Bulletin,
  BulletinKind,
  BulletinRankLine,
  BulletinSummary,
  FlagRecord,
  Ranking,
  RankingEntry,
  RankingLevel,
} from '@civicgrid/shared';

/** A ranking of a week (stored when evaluated, computed otherwise). */
export function useRanking(level: RankingLevel, org: string, week: string | null) {
  return useQuery({
    queryKey: ['scores', 'ranking', level, org, week],
    queryFn: () => getData<Ranking>(`/api/scores/rankings${query({ level, org, week })}`),
    placeholderData: keepPreviousData,
    enabled: org !== '',
  });
}

/** Past red and black flags of a level. */
export function useFlagHistory(level: RankingLevel, org: string) {
  return useQuery({
    queryKey: ['scores', 'flags', level, org],
    queryFn: () => getData<FlagRecord[]>(`/api/scores/flags${query({ level, org })}`),
    enabled: org !== '',
  });
}

/** The bulletin archive of the caller's areas. */
export function useBulletins(kind: BulletinKind | null) {
  return useQuery({
    queryKey: ['bulletins', kind],
    queryFn: () => getData<BulletinSummary[]>(`/api/bulletins${query({ kind, limit: 100 })}`),
  });
}

/** One bulletin. */
export function useBulletin(id: number) {
  return useQuery({ queryKey: ['bulletin', id], queryFn: () => getData<Bulletin>(`/api/bulletins/${id}`) });
}

/** Issues the bulletin of a kind due today for a node now (administrators). */
export function useIssueBulletin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { org: string; kind: BulletinKind }) =>
      sendData<{ id: number; created: boolean }>('POST', '/api/bulletins', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}
