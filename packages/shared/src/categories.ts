/**
 * The case taxonomy's shapes (PRODUCT §4): two levels, `TT` top-level and `TT.SS` sub-categories; only
 * sub-categories are selectable for cases. The rows themselves are data (server/seeds/categories.json).
 */

/** 测评 buckets: 设施 facility, 管理 management, 素质 conduct, 宣传 publicity. */
export const CATEGORY_BUCKETS = ['facility', 'management', 'conduct', 'publicity'] as const;
export type CategoryBucket = (typeof CATEGORY_BUCKETS)[number];

export const CATEGORY_BUCKET_LABELS: Record<CategoryBucket, { zh: string; en: string }> = {
  facility: { zh: '设施', en: 'Facilities' },
  management: { zh: '管理', en: 'Management' },
  conduct: { zh: '素质', en: 'Civic conduct' },
  publicity: { zh: '宣传', en: 'Publicity' },
};

/** The kind of unit that usually owns a category; dispatch suggests units of this type first. */
export const OWNER_UNIT_TYPES = [
  'urban_management',
  'sanitation',
  'housing_construction',
  'traffic_police',
  'market_regulation',
  'emergency',
  'power_supply',
  'water',
  'landscaping',
  'civil_affairs',
  'task_force',
  'property',
  'street_office',
] as const;
export type OwnerUnitType = (typeof OWNER_UNIT_TYPES)[number];

export const OWNER_UNIT_TYPE_LABELS: Record<OwnerUnitType, { zh: string; en: string }> = {
  urban_management: { zh: '城管执法', en: 'Urban management' },
  sanitation: { zh: '环卫', en: 'Sanitation' },
  housing_construction: { zh: '住建', en: 'Housing and construction' },
  traffic_police: { zh: '交警', en: 'Traffic police' },
  market_regulation: { zh: '市场监管', en: 'Market regulation' },
  emergency: { zh: '应急管理', en: 'Emergency management' },
  power_supply: { zh: '供电', en: 'Power supply' },
  water: { zh: '水务', en: 'Water' },
  landscaping: { zh: '园林绿化', en: 'Landscaping' },
  civil_affairs: { zh: '民政', en: 'Civil affairs' },
  task_force: { zh: '专班', en: 'Task force' },
  property: { zh: '物业', en: 'Property management' },
  street_office: { zh: '街道办事处', en: 'Street office' },
};

/** The 26 inspection point types of the 测评体系 (PRODUCT §5). */
export const INSPECTION_POINT_TYPES = [
  '主次干道',
  '背街小巷',
  '小区',
  '城中村',
  '集贸市场',
  '公共广场',
  '公园',
  '公交站点',
  '火车站汽车站',
  '医院',
  '银行网点',
  '商业大街',
  '大型商场超市',
  '政务服务大厅',
  '社区服务中心',
  '新时代文明实践站',
  '中小学校',
  '建筑工地',
  '网吧',
  '文化场馆',
  '未成年人活动场所',
  '宾馆酒店',
  '餐饮店',
  '公共厕所',
  '河道水域',
  '机关单位',
] as const;
export type InspectionPointType = (typeof INSPECTION_POINT_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** A time limit in working hours or working days on the district calendar. */
export interface TimeLimit {
  value: number;
  unit: 'hour' | 'day';
}

/** Disposal time limits per urgency; complete for every sub-category, empty for top-level rows. */
export type CategoryLimits = Partial<Record<Urgency, TimeLimit>>;

export const QUESTION_TYPES = ['text', 'number', 'single', 'multiple'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionOption {
  value: string;
  labelZh: string;
  labelEn: string;
}

/** An extra question a category asks when a case is reported (Open311 "attribute"). */
export interface CategoryQuestion {
  /** key of the answer in a case's `answers` */
  code: string;
  labelZh: string;
  labelEn: string;
  type: QuestionType;
  required: boolean;
  /** the choices of a single or multiple question */
  options?: QuestionOption[];
  /** bounds of a number answer */
  min?: number;
  max?: number;
}

/** Answers to a category's questions, keyed by question code. */
export type CategoryAnswers = Record<string, string | number | string[]>;

/** One row of the taxonomy as the API returns it. */
export interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  /** GB/T 47678.5 管理部件和事项 code, where one exists */
  gbCode: string | null;
  bucket: CategoryBucket | null;
  ownerUnitType: OwnerUnitType | null;
  limits: CategoryLimits;
  duplicateRadiusM: number;
  questions: CategoryQuestion[];
  keywords: string[];
  inspectionPoints: string[];
  filingCriteria: string | null;
  closingCriteria: string | null;
  isCareAlert: boolean;
  active: boolean;
  sort: number;
}

/** The text limit of a text answer, in characters. */
export const ANSWER_TEXT_MAX = 500;
