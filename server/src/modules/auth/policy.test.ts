import { describe, expect, it } from 'vitest';
import type { Actor, ActorGrant } from './actor.ts';
import { assertCan, can, scopesFor } from './policy.ts';

const grant = (role: ActorGrant['role'], scopeCode: string): ActorGrant => ({
  id: 1,
  role,
  orgNodeId: 1,
  unitId: null,
  scopeCode,
  scopeLevel: null,
  scopeName: null,
  unitName: null,
});
const actor = (...grants: ActorGrant[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  locale: 'zh-CN',
  sessionId: 's',
  sessionKind: 'cookie',
  grants,
});

describe('the central permission check', () => {
  it('reaches every code under the grant’s scope and nothing beside it', () => {
    const a = actor(grant('community_staff', '411602001001'));
    expect(can(a, 'org.read', '411602001001003')).toBe(true);
    expect(can(a, 'org.read', '411602001002001')).toBe(false);
    expect(can(a, 'org.read', '411602001')).toBe(false);
  });

  it('merges grants and drops scopes already covered', () => {
    const a = actor(grant('grid_worker', '411602001001001'), grant('street_staff', '411602001'));
    expect(scopesFor(a, 'org.read')).toEqual(['411602001']);
    expect(scopesFor(a, 'org.manage')).toEqual([]);
  });

  it('says 404 outside what the actor sees and 403 inside it without the right', () => {
    const a = actor(grant('leader', '411602'));
    expect(() => assertCan(a, 'org.manage', '411602001')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => assertCan(a, 'org.read', '411603001')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
