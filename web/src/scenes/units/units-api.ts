import { useQuery } from '@tanstack/react-query';
import type { UnitDetail } from '../../api/case-types.ts';
import { getData, sendData } from '../../api/client.ts';

export const UNIT_TYPES = [
  'department',
  'task_force',
  'property_company',
  'utility',
  'street_office',
  'other',
] as const;
export const UNITS_ADMIN_KEY = ['units', 'admin'] as const;

/** Every unit of the administrator's district, with its categories and streets. */
export function useUnitDetails() {
  return useQuery({ queryKey: UNITS_ADMIN_KEY, queryFn: () => getData<UnitDetail[]>('/api/units') });
}

export interface UnitFields {
  name: string;
  nameEn: string | null;
  type: (typeof UNIT_TYPES)[number];
  phone: string | null;
  categories: string[];
  streetIds: number[];
}

/** Creates a unit in the caller's district. */
export function createUnit(body: UnitFields & { code: string }): Promise<UnitDetail> {
  return sendData<UnitDetail>('POST', '/api/units', body);
}

/** Changes a unit. */
export function updateUnit(id: number, changes: Partial<UnitFields>): Promise<UnitDetail> {
  return sendData<UnitDetail>('PATCH', `/api/units/${id}`, changes);
}
