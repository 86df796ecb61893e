import type { FiveStarScope, StandardStar, StarKey } from '@civicgrid/shared';
import { STAR_LABELS } from '@civicgrid/shared';
import { useQuery } from '@tanstack/react-query';
import { getData, query, request } from './client.ts';

export type AssessmentState = 'draft' | 'submitted' | 'returned' | 'reviewed' | 'decided';

export interface Standing {
  code: string;
  name: string;
  scope: FiveStarScope;
  streetCode: string;
  streetName: string;
  state: AssessmentState | null;
  stars: StarKey[];
  vetoed: boolean;
}

export interface AnswerView {
  value: number | null;
  passed: boolean | null;
  evidence: string;
  computed: boolean;
  review: 'accepted' | 'returned' | null;
  reviewReason: string | null;
  photos: string[];
  met: boolean | null;
}

export interface Assessment {
  branch: { code: string; name: string; scope: FiveStarScope; streetName: string };
  year: number;
  state: AssessmentState;
  stars: StarKey[];
  standard: StandardStar[];
  answers: Record<string, AnswerView>;
  earned: StarKey[];
  events: {
    kind: string;
    reason: string | null;
    stars: StarKey[] | null;
    effectiveOn: string | null;
    at: string;
    actorName: string | null;
  }[];
}

/** The label of a star in the UI language. */
export const starLabel = (s: string, lang: string) =>
  STAR_LABELS[s as StarKey]?.[lang === 'en-US' ? 'en' : 'zh'] ?? s;

/** The branches of the user's scope with their stars for a year, ranked. */
export function useStandings(year: number) {
  return useQuery({
    queryKey: ['five-star', 'standings', year],
    queryFn: () => getData<Standing[]>(`/api/five-star/standings${query({ year })}`),
  });
}

/** A branch's assessment of a year with the steps the user may take. */
export function useAssessment(code: string, year: number) {
  return useQuery({
    queryKey: ['five-star', 'branch', code, year],
    queryFn: () =>
      request<{ data: Assessment; abilities: string[] }>(
        'GET',
        `/api/five-star/branches/${code}/years/${year}`,
      ),
  });
}

/** Every year's stars of a branch. */
export function useBranchHistory(code: string) {
  return useQuery({
    queryKey: ['five-star', 'history', code],
    queryFn: () =>
      getData<{ years: { year: number; state: string; stars: StarKey[]; vetoes: number }[] }>(
        `/api/five-star/branches/${code}/history`,
      ),
  });
}

/** The street targets of a year and how many branches reached each. */
export function useTargets(year: number) {
  return useQuery({
    queryKey: ['five-star', 'targets', year],
    queryFn: () =>
      getData<
        { streetCode: string; streetName: string; stars: number; target: number | null; reached: number }[]
      >(`/api/five-star/targets?year=${year}`),
  });
}
