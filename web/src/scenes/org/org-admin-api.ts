import type { Geometry } from 'geojson';
import { sendData } from '../../api/client.ts';
import type { NodeDetail } from '../../api/types.ts';

/** The node fields an administrator changes in the console; only the changed ones are sent. */
export interface NodeChanges {
  name?: string;
  nameEn?: string | null;
  validFrom?: string;
  validTo?: string | null;
}

/** Points leaving and entering one outline. */
export interface Moves {
  out: number;
  in: number;
}

/** One feature of a boundary preview: both outlines, their areas and what lies between them. */
export interface FeatureChange {
  feature: number;
  code: string;
  level: string;
  name: string;
  isNew: boolean;
  oldGeometry: Geometry | null;
  newGeometry: Geometry;
  oldAreaM2: number | null;
  newAreaM2: number;
  cases: Moves | null;
  buildings: Moves | null;
  households: Moves | null;
}

/** A problem that would make the import refuse, with its sentence in the UI language. */
export interface BoundaryProblem {
  feature: number | null;
  code: string | null;
  problem: string;
  detail?: string;
  message: string;
}

/** What a new boundary would change; nothing is written until it is applied. */
export interface BoundaryPreview {
  features: FeatureChange[];
  inOtherGrid: { cases: number; buildings: number; households: number };
  problems: BoundaryProblem[];
}

/** Renames a node or changes its validity; resolves to the node's fresh details. */
export function updateNode(id: number, changes: NodeChanges): Promise<NodeDetail> {
  return sendData<NodeDetail>('PATCH', `/api/org/nodes/${id}`, changes);
}

/** Asks what a boundary file for this node would change. */
export function previewBoundary(id: number, layer: unknown): Promise<BoundaryPreview> {
  return sendData<BoundaryPreview>('POST', `/api/org/nodes/${id}/boundary/preview`, layer);
}

/** Applies a boundary file for this node (the one that was previewed). */
export function applyBoundary(id: number, layer: unknown): Promise<{ created: number; updated: number }> {
  return sendData('POST', `/api/org/nodes/${id}/boundary`, layer);
}
