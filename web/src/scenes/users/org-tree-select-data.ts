import type { OrgLevel } from '@civicgrid/shared';
import type { OrgNode } from '../../api/types.ts';
import { indexNodes, nodeLabel } from '../org/tree-data.ts';

/** A TreeSelect option for an org node. */
export interface OrgOption {
  value: number;
  title: string;
  code: string;
  selectable: boolean;
  children?: OrgOption[];
}

/**
 * TreeSelect options for the org tree. Nodes above the caller's scope, and nodes of another level than the role
 * requires (a grid worker must be granted a grid), stay visible for orientation but cannot be picked.
 */
export function orgOptions(
  nodes: readonly OrgNode[],
  level: OrgLevel | undefined,
  lang: string,
): OrgOption[] {
  const index = indexNodes(nodes);
  const build = (n: OrgNode): OrgOption => {
    const kids = index.children.get(n.id);
    return {
      value: n.id,
      title: nodeLabel(n, lang),
      code: n.code,
      selectable: !n.ancestorOnly && (level === undefined || n.level === level),
      children: kids?.map(build),
    };
  };
  return index.roots.map(build);
}
