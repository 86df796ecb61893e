import type { Grade, RateName, Ratio } from '@civicgrid/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getData, query, sendData } from './client.ts';

export type RankingLevel = 'street' | 'community' | 'unit';

/** One line of a ranking (GET /api/scores/rankings). */
export interface RankingEntry {
  key: string;
  name: string;
  peerGroup: string;
  score: number | null;
  grade: Grade | null;
  rank: number | null;
  of: number;
  volume: number;
  flag: 'red' | 'black' | null;
  reasons: string[];
  unranked: 'few_cases' | 'no_score' | null;
  rates: Record<RateName, Ratio> | null;
}

export interface Ranking {
  level: RankingLevel;
  org: string;
  window: { from: string; to: string };
  minCases: number;
  stored: boolean;
  weekStart: string | null;
  entries: RankingEntry[];
}

export interface FlagRecord {
  weekStart: string;
  key: string;
  name: string;
  flag: 'red' | 'black';
  score: number | null;
  reasons: string[];
}

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

export type BulletinKind = 'daily' | 'weekly' | 'monthly';

export interface BulletinSummary {
  id: number;
  orgCode: string;
  scopeName: string;
  kind: BulletinKind;
  from: string;
  to: string;
  number: string;
  issuer: string;
  issuedAt: string;
}

export interface BulletinRankLine {
  name: string;
  peerGroup: string;
  score: number | null;
  grade: string | null;
  rank: number | null;
  of: number;
  flag: 'red' | 'black' | null;
  reasons: string[];
}

export interface Bulletin extends BulletinSummary {
  content: {
    scopeName: string;
    from: string;
    to: string;
    asOf: string;
    figures: { reported: number; closed: number; overdue: number };
    rates: Record<RateName, Ratio>;
    worst: { code: string; name: string; count: number; overdue: number }[];
    lateUnits: { name: string; due: number; late: number; rate: number | null }[];
    flags: { weekStart: string; levels: { level: string; lines: BulletinRankLine[] }[] } | null;
    inspections: {
      byKind: Record<string, number>;
      passRate: Ratio;
      failed: number;
      worstItems: { text: string; failed: number }[];
      rectifications: { opened: number; struckOff: number; overdue: number };
    } | null;
  };
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
