import { useQuery } from '@tanstack/react-query';
import { getData, sendData } from '../../api/client.ts';

/** GET /api/settings/supervision */
export interface SupervisionSettings {
  bulletin: { time: string; issuer: string; prefix: string };
  morning: { enabled: boolean; time: string; pointTypeIds: number[] };
  rectificationDays: number;
}

/** GET /api/inspection-point-types */
export interface PointType {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  currentVersion: number | null;
  itemCount: number;
}

/** One item of a checklist as the API reads and saves it. */
export interface ChecklistItem {
  textZh: string;
  textEn: string;
  answerType: 'pass_fail' | 'score';
  maxScore: number;
  passScore: number | null;
  weight: number;
  photoOnFail: boolean;
  categoryCode: string;
}

export const SUPERVISION_SETTINGS_KEY = ['settings', 'supervision'] as const;

/** The supervision settings in force. */
export function useSupervisionSettings() {
  return useQuery({
    queryKey: SUPERVISION_SETTINGS_KEY,
    queryFn: () => getData<SupervisionSettings>('/api/settings/supervision'),
  });
}

/** Changes some supervision settings; resolves to all of them as saved. */
export function saveSupervisionSettings(changes: Partial<SupervisionSettings>) {
  return sendData<SupervisionSettings>('PATCH', '/api/settings/supervision', changes);
}

/** The point types of the 测评体系 with their current checklist version. */
export function usePointTypes() {
  return useQuery({
    queryKey: ['inspection-point-types'],
    queryFn: () => getData<PointType[]>('/api/inspection-point-types'),
  });
}

/** The current checklist of a point type (null while none is chosen). */
export function useChecklist(typeId: number | null) {
  return useQuery({
    queryKey: ['checklist', typeId],
    queryFn: () =>
      getData<{ version: number; items: ChecklistItem[] }>(`/api/inspection-point-types/${typeId}/checklist`),
    enabled: typeId !== null,
  });
}
