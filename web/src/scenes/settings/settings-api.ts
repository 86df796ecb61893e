import { useQuery } from '@tanstack/react-query';
import { getData, sendData } from '../../api/client.ts';

export type Limit = { value: number; unit: 'hour' | 'day' };
export const STAGES = ['accept', 'dispatch', 'sign', 'check', 'report_in'] as const;

/** GET /api/settings/workflow */
export interface WorkflowSettings {
  stageLimits: Record<(typeof STAGES)[number], Limit>;
  ratingWindowDays: number;
  reopenEscalationThreshold: number;
  duplicateWindowDays: number;
}

export const WORKFLOW_KEY = ['settings', 'workflow'] as const;

/** The workflow settings in force. */
export function useWorkflowSettings() {
  return useQuery({
    queryKey: WORKFLOW_KEY,
    queryFn: () => getData<WorkflowSettings>('/api/settings/workflow'),
  });
}

/** Changes some workflow settings; resolves to all of them as saved. */
export function saveWorkflowSettings(changes: Partial<WorkflowSettings>): Promise<WorkflowSettings> {
  return sendData<WorkflowSettings>('PATCH', '/api/settings/workflow', changes);
}
