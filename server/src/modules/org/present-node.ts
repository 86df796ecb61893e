import { mask } from '../../infra/crypto.ts';
import type { NodeDetail } from './queries.ts';

/**
 * A node's detail as this caller may see it: the grid workers' phones in full only for those who administer
 * users there ('user.read' at the node), masked (139****1234) for everyone else who may read the org tree,
 * such as unit handlers with their district-wide org.read.
 */
export function presentNodeDetail(node: NodeDetail, revealPhones: boolean): NodeDetail {
  if (revealPhones) return node;
  return {
    ...node,
    gridWorkers: node.gridWorkers.map((w) => ({ ...w, phone: w.phone ? mask(w.phone) : null })),
  };
}
