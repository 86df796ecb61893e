import type { OrgNode } from '../../api/types.ts';
import { indexNodes, nodeLabel } from '../org/tree-data.ts';

/** A TreeSelect option of the area filter; values are org codes (a case matches its whole subtree). */
export interface AreaOption {
  value: string;
  title: string;
  selectable: boolean;
  children?: AreaOption[];
}

/**
 * Area filter options down to communities (thousands of grids would make the list useless; the text search
 * finds a grid's cases by address). Nodes above the user's scope stay visible but cannot be picked.
 */
export function areaOptions(nodes: readonly OrgNode[], lang: string): AreaOption[] {
  const index = indexNodes(nodes.filter((n) => n.level !== 'grid'));
  const build = (n: OrgNode): AreaOption => ({
    value: n.code,
    title: nodeLabel(n, lang),
    selectable: !n.ancestorOnly,
    children: index.children.get(n.id)?.map(build),
  });
  return index.roots.map(build);
}
