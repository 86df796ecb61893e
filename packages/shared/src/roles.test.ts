import { describe, expect, it } from 'vitest';
import { roleAllows } from './permissions.ts';
import { levelOfCode, parentCode, ROLE_LABELS, ROLES } from './roles.ts';

describe('org codes', () => {
  it('names the level by length: 6 district, 9 street, 12 community, 15 grid', () => {
    expect(['411602', '411602001', '411602001001', '411602001001001'].map(levelOfCode)).toEqual([
      'district',
      'street',
      'community',
      'grid',
    ]);
    expect(levelOfCode('4116020')).toBeNull();
    expect(levelOfCode('41160a')).toBeNull();
    expect(parentCode('411602001001001')).toBe('411602001001');
    expect(parentCode('411602')).toBeNull();
  });
});

describe('roles', () => {
  it('have labels in both languages', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r].zh && ROLE_LABELS[r].en).toBeTruthy();
  });

  it('let only administrators manage the org tree and read the audit log', () => {
    expect(ROLES.filter((r) => roleAllows(r, 'org.manage'))).toEqual(['district_admin']);
    expect(ROLES.filter((r) => roleAllows(r, 'audit.read'))).toEqual(['district_admin']);
    expect(roleAllows('grid_worker', 'people.read')).toBe(true);
    expect(roleAllows('resident', 'org.read')).toBe(false);
  });
});
