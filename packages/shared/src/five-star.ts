import { RATE_NAMES, type RateName } from './kpis.ts';

/**
 * Five-star branches (五星支部, docs/five-star.md): the stars of each scope, the item kinds, the metrics an
 * item may be linked to, the default standard and the one rule deciding which stars a branch earns. Server
 * and console both read these, so the console's preview is the server's decision.
 */

export const FIVE_STAR_SCOPES = ['urban', 'rural'] as const;
export type FiveStarScope = (typeof FIVE_STAR_SCOPES)[number];

/** 支部过硬: without it no other star is awarded. */
export const PREREQUISITE_STAR = 'branch';

export const STAR_KEYS = [
  'branch',
  'industry',
  'ecology',
  'business',
  'harmony',
  'safety',
  'civility',
  'sharing',
] as const;
export type StarKey = (typeof STAR_KEYS)[number];

export const STAR_LABELS: Record<StarKey, { zh: string; en: string }> = {
  branch: { zh: '支部过硬', en: 'Strong branch' },
  industry: { zh: '产业兴旺', en: 'Thriving industry' },
  ecology: { zh: '生态宜居', en: 'Liveable environment' },
  business: { zh: '宜业兴业', en: 'Good for work and business' },
  harmony: { zh: '幸福和谐', en: 'Happy and harmonious' },
  safety: { zh: '平安法治', en: 'Safe and law-abiding' },
  civility: { zh: '文明幸福', en: 'Civil and happy' },
  sharing: { zh: '共建共享', en: 'Built and shared together' },
};

/** The five stars of each scope, in order (villages are rural, communities urban). */
export const SCOPE_STARS: Record<FiveStarScope, readonly StarKey[]> = {
  rural: ['branch', 'industry', 'ecology', 'safety', 'civility'],
  urban: ['branch', 'business', 'harmony', 'safety', 'sharing'],
};

/**
 * pass: yes/no, the star needs yes; score: a mark in [0, max], the star needs at least min; threshold: a
 * measured figure (a rate in [0, 1] or a count), the star needs at least threshold; veto (一票否决): a condition
 * that must hold, and when it fails the branch earns no star at all.
 */
export const ITEM_KINDS = ['pass', 'score', 'threshold', 'veto'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Platform figures an item may be linked to: a case KPI of the community's year, or 走访覆盖率. */
export const FIVE_STAR_METRICS = [...RATE_NAMES, 'visitCoverage'] as const;
export type FiveStarMetric = RateName | 'visitCoverage';

export interface StandardItem {
  key: string;
  title: string;
  kind: ItemKind;
  min?: number;
  max?: number;
  threshold?: number;
  metric?: FiveStarMetric | null;
}

export interface StandardStar {
  star: StarKey;
  items: StandardItem[];
}

/** What a branch claims for one item. */
export interface ItemAnswer {
  value?: number | null;
  passed?: boolean | null;
}

/** Whether an answer meets its item (null when it is not answered yet). */
export function itemMet(item: StandardItem, a: ItemAnswer | undefined): boolean | null {
  if (item.kind === 'pass' || item.kind === 'veto') return a?.passed ?? null;
  const v = a?.value;
  if (v === null || v === undefined) return null;
  if (item.kind === 'score') return v >= (item.min ?? 0);
  return v >= (item.threshold ?? 0);
}

/**
 * The stars the answers earn: a star whose items are all met; none at all when a veto item fails or when
 * 支部过硬 is not earned (the prerequisite star).
 */
export function starsEarned(stars: readonly StandardStar[], answers: Record<string, ItemAnswer>): StarKey[] {
  const all = stars.flatMap((s) => s.items);
  if (all.some((i) => i.kind === 'veto' && itemMet(i, answers[i.key]) === false)) return [];
  const earned = stars
    .filter((s) => s.items.every((i) => itemMet(i, answers[i.key]) === true))
    .map((s) => s.star);
  return earned.includes(PREREQUISITE_STAR) ? earned : [];
}

const common = {
  branch: [
    { key: 'b-organisation', title: '班子健全，“三会一课”等组织生活规范', kind: 'pass' },
    { key: 'b-score', title: '党建工作年度考核得分', kind: 'score', min: 80, max: 100 },
    { key: 'b-discipline', title: '班子成员无违纪违法（一票否决）', kind: 'veto' },
  ],
  safety: [
    {
      key: 's-close',
      title: '案件按期结案率',
      kind: 'threshold',
      threshold: 0.85,
      metric: 'closeOnTimeRate',
    },
    { key: 's-accident', title: '未发生重大安全事故和群体性事件（一票否决）', kind: 'veto' },
  ],
} satisfies Record<string, StandardItem[]>;

/** The standard a district starts from for a year it has not written one for. */
export function defaultStandard(scope: FiveStarScope): StandardStar[] {
  const items: Record<StarKey, StandardItem[]> = {
    ...common,
    industry: [
      { key: 'i-income', title: '村集体经济收入达到年度目标', kind: 'pass' },
      { key: 'i-projects', title: '特色产业项目评分', kind: 'score', min: 60, max: 100 },
    ],
    ecology: [
      { key: 'e-environment', title: '人居环境整治达标', kind: 'pass' },
      {
        key: 'e-dispose',
        title: '案件按期处置率',
        kind: 'threshold',
        threshold: 0.85,
        metric: 'disposeOnTimeRate',
      },
    ],
    civility: [
      {
        key: 'c-satisfaction',
        title: '群众满意率',
        kind: 'threshold',
        threshold: 0.9,
        metric: 'satisfactionRate',
      },
      {
        key: 'c-visits',
        title: '入户走访覆盖率',
        kind: 'threshold',
        threshold: 0.8,
        metric: 'visitCoverage',
      },
    ],
    business: [
      { key: 'w-jobs', title: '就业服务站运行，帮扶就业达到目标', kind: 'pass' },
      { key: 'w-business', title: '营商服务评分', kind: 'score', min: 60, max: 100 },
    ],
    harmony: [
      {
        key: 'h-satisfaction',
        title: '群众满意率',
        kind: 'threshold',
        threshold: 0.9,
        metric: 'satisfactionRate',
      },
      {
        key: 'h-visits',
        title: '入户走访覆盖率',
        kind: 'threshold',
        threshold: 0.8,
        metric: 'visitCoverage',
      },
    ],
    sharing: [
      { key: 'x-partners', title: '共驻共建单位开展活动', kind: 'pass' },
      { key: 'x-volunteers', title: '志愿服务活动评分', kind: 'score', min: 60, max: 100 },
    ],
  };
  return SCOPE_STARS[scope].map((star) => ({ star, items: items[star].map((i) => ({ ...i })) }));
}
