import type { Action, OrgLevel, Role } from '@civicgrid/shared';

/** A role grant as the API presents it. */
export interface Grant {
  id: number;
  role: Role;
  orgNodeId: number | null;
  unitId: number | null;
  scopeCode: string | null;
  scopeLevel: OrgLevel | null;
  scopeName: string | null;
  unitName: string | null;
}

export type Abilities = Record<Action, boolean>;

export interface Me {
  id: string;
  username: string;
  displayName: string;
  locale: string;
  grants: Grant[];
  can: Abilities;
}

export interface OrgNode {
  id: number;
  code: string;
  parentId: number | null;
  level: OrgLevel;
  kind: string | null;
  name: string;
  nameEn: string | null;
  validFrom: string;
  validTo: string | null;
  isDemo: boolean;
  ancestorOnly: boolean;
}

export interface PathEntry {
  id: number;
  code: string;
  level: OrgLevel;
  name: string;
}

export interface GridWorker {
  id: string;
  name: string;
  phone: string | null;
}

export interface NodeDetail {
  id: number;
  code: string;
  level: OrgLevel;
  kind: string | null;
  name: string;
  nameEn?: string | null;
  isDemo?: boolean;
  validFrom: string;
  validTo: string | null;
  bbox: [number, number, number, number] | null;
  path: PathEntry[];
  population: number;
  households: number;
  children: number;
  gridWorkers: GridWorker[];
}

export interface AppConfig {
  tileUrl: string | null;
  district: { code: string; name: string; isDemo: boolean; center: [number, number] | null } | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  locale: string;
  disabled: boolean;
  homeCode: string;
  grants: Grant[];
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  type: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** the entity's name (user, unit, org node, category) when the server knows it */
  entityName?: string | null;
  scopeCode: string | null;
  /** the org node's name of the scope code */
  scopeName?: string | null;
  before: unknown;
  after: unknown;
}

/** One page of a cursor-paginated list. */
export interface Page<T, C> {
  data: T[];
  nextCursor: C | null;
}
