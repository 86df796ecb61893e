/** Wire shapes of rankings, flags and bulletins (docs/supervision-scores.md), shared by the server and the console. */
import type { Grade, RateName, Ratio } from './kpis.ts';

export type RankingLevel = 'street' | 'community' | 'unit';
export type FlagColour = 'red' | 'black';

/** One line of a ranking: the entity, its peer group, score, grade, rank, flag and the KPIs behind it. */
export interface RankingEntry {
  key: string;
  name: string;
  peerGroup: string;
  score: number | null;
  grade: Grade | null;
  /** 1 is the best; null when not ranked */
  rank: number | null;
  /** how many entities of the peer group were ranked */
  of: number;
  /** judged cases in the window */
  volume: number;
  /** among the bottom three ranks this week (remembered for next week's rule) */
  bottomThree: boolean;
  flag: FlagColour | null;
  reasons: string[];
  unranked: 'few_cases' | 'no_score' | null;
  rates: Record<RateName, Ratio> | null;
}

/** A ranking with what every ranking prints: its window and the minimum case count. */
export interface Ranking {
  level: RankingLevel;
  org: string;
  window: { from: string; to: string };
  minCases: number;
  /** true when read from a stored weekly evaluation (flags final), false when computed now */
  stored: boolean;
  weekStart: string | null;
  entries: RankingEntry[];
}

/** A week in which an entity held a flag. */
export interface FlagRecord {
  weekStart: string;
  key: string;
  name: string;
  flag: FlagColour;
  score: number | null;
  reasons: string[];
}

export type BulletinKind = 'daily' | 'weekly' | 'monthly';

/** One ranked line as a bulletin prints it. */
export type BulletinRankLine = Pick<
  RankingEntry,
  'name' | 'peerGroup' | 'score' | 'grade' | 'rank' | 'of' | 'flag' | 'reasons'
>;

/** A bulletin's inspections section. */
export interface InspectionSection {
  /** inspections submitted in the period that visited a point under the node, by kind */
  byKind: Record<string, number>;
  /** 检查合格率: items passed / items passed or failed (docs/kpis.md) */
  passRate: Ratio;
  failed: number;
  worstItems: { text: string; failed: number }[];
  rectifications: { opened: number; struckOff: number; overdue: number };
}

/** What a bulletin says, frozen at its issue. Names and figures only. */
export interface BulletinContent {
  scopeName: string;
  level: 'district' | 'street';
  from: string;
  to: string;
  asOf: string;
  figures: { reported: number; closed: number; overdue: number };
  rates: Record<RateName, Ratio>;
  /** the categories with most reports in the period, with how many of them are overdue now */
  worst: { code: string; name: string; count: number; overdue: number }[];
  /** units with cases due in the period that were not disposed on time, most late first */
  lateUnits: { name: string; due: number; late: number; rate: number | null }[];
  /** the last weekly evaluation ended within the period */
  flags: { weekStart: string; levels: { level: string; lines: BulletinRankLine[] }[] } | null;
  inspections: InspectionSection | null;
}

/** A bulletin in the archive list. */
export interface BulletinSummary<D = string> {
  id: number;
  orgCode: string;
  scopeName: string;
  kind: BulletinKind;
  from: string;
  to: string;
  number: string;
  issuer: string;
  issuedAt: D;
}

/** A whole bulletin: the summary and its frozen content. */
export interface Bulletin<D = string> extends BulletinSummary<D> {
  content: BulletinContent;
}
