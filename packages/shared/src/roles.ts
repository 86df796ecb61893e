/** Role names a grant can carry (PRODUCT.md §1). */
export const ROLES = [
  'district_admin',
  'dispatcher',
  'street_staff',
  'community_staff',
  'grid_worker',
  'unit_handler',
  'leader',
  'resident',
  'volunteer',
  'integration',
  'inspector',
] as const;

export type Role = (typeof ROLES)[number];

/** What a grant of each role is scoped to: an org node, a unit, or nothing (residents). */
export const ROLE_SCOPE: Record<Role, 'org' | 'unit' | 'none'> = {
  district_admin: 'org',
  dispatcher: 'org',
  street_staff: 'org',
  community_staff: 'org',
  grid_worker: 'org',
  unit_handler: 'unit',
  leader: 'org',
  resident: 'none',
  volunteer: 'org',
  // an API client account (12345 hotline system, sensors): district-wide, reports through api/hotline/device
  integration: 'org',
  // 督查员: runs inspections (暗访, 督查, 模拟测评, 晨查) across the district
  inspector: 'org',
};

/** The org level a role's scope node must have, when the role fixes one. */
export const ROLE_LEVEL: Partial<Record<Role, OrgLevel>> = {
  street_staff: 'street',
  community_staff: 'community',
  grid_worker: 'grid',
  integration: 'district',
  inspector: 'district',
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  district_admin: { zh: '区级管理员', en: 'District administrator' },
  dispatcher: { zh: '受理派遣员', en: 'Dispatcher' },
  street_staff: { zh: '街道工作人员', en: 'Street office staff' },
  community_staff: { zh: '社区/村工作人员', en: 'Community staff' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  unit_handler: { zh: '责任单位处置人员', en: 'Unit handler' },
  leader: { zh: '领导', en: 'Leader' },
  resident: { zh: '居民', en: 'Resident' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  integration: { zh: '接口账号', en: 'Integration (API client)' },
  inspector: { zh: '督查员', en: 'Inspector' },
};

export const ORG_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** Code length per level: 6-digit GB/T 2260 district + 3 street + 3 community + 3 grid. */
export const ORG_CODE_LENGTH: Record<OrgLevel, number> = { district: 6, street: 9, community: 12, grid: 15 };

/** The level a code of this length names, or null for a malformed code. */
export function levelOfCode(code: string): OrgLevel | null {
  if (!/^[0-9]+$/.test(code)) return null;
  return ORG_LEVELS.find((l) => ORG_CODE_LENGTH[l] === code.length) ?? null;
}

/** The parent's code of an org code (null for a district). */
export function parentCode(code: string): string | null {
  return code.length > 6 ? code.slice(0, -3) : null;
}
