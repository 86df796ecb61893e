import { ROLE_LABELS, type Role } from '@civicgrid/shared';
import type { Grant } from '../api/types.ts';

/** A role's name in the UI language. */
export function roleLabel(role: Role, lang: string): string {
  return lang === 'en-US' ? ROLE_LABELS[role].en : ROLE_LABELS[role].zh;
}

/** "Role · scope" for a grant, e.g. "网格员 · 第3网格". */
export function grantLabel(grant: Grant, lang: string): string {
  const scope = grant.scopeName ?? grant.unitName;
  return scope ? `${roleLabel(grant.role, lang)} · ${scope}` : roleLabel(grant.role, lang);
}
