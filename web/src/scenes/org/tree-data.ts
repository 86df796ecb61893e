import type { OrgNode } from '../../api/types.ts';

/** The flat node list indexed for tree building and ancestor walks. */
export interface TreeIndex {
  byId: Map<number, OrgNode>;
  children: Map<number | null, OrgNode[]>;
  roots: OrgNode[];
}

/** A node of the antd Tree; titles are rendered by the panel. */
export interface OrgTreeItem {
  key: number;
  node: OrgNode;
  children?: OrgTreeItem[];
  selectable: boolean;
}

/** Indexes nodes by id and by parent; nodes whose parent is not visible become roots. */
export function indexNodes(nodes: readonly OrgNode[]): TreeIndex {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<number | null, OrgNode[]>();
  const roots: OrgNode[] = [];
  for (const n of nodes) {
    if (n.parentId === null || !byId.has(n.parentId)) {
      roots.push(n);
      continue;
    }
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  return { byId, children, roots };
}

/** Ids from the root down to (not including) the node, so a selection deep in the tree can be expanded. */
export function ancestorIds(index: TreeIndex, id: number): number[] {
  const out: number[] = [];
  let parent = index.byId.get(id)?.parentId ?? null;
  while (parent !== null && index.byId.has(parent)) {
    out.unshift(parent);
    parent = index.byId.get(parent)?.parentId ?? null;
  }
  return out;
}

/** The label of a node in the UI language (English names are optional). */
export function nodeLabel(node: Pick<OrgNode, 'name' | 'nameEn'>, lang: string): string {
  return lang === 'en-US' && node.nameEn ? node.nameEn : node.name;
}

function matches(node: OrgNode, needle: string): boolean {
  return (
    node.code.includes(needle) ||
    node.name.toLowerCase().includes(needle) ||
    (node.nameEn?.toLowerCase().includes(needle) ?? false)
  );
}

/** Below this many nodes a search result is shown fully expanded; above it only the paths to matches open. */
const EXPAND_ALL_LIMIT = 150;

/**
 * Builds the antd tree. With a search text, keeps matching nodes and their ancestors (a match keeps its whole
 * subtree, so searching a community shows its grids) and returns the ids to expand so the matches are visible.
 */
export function buildTree(index: TreeIndex, search: string): { items: OrgTreeItem[]; expand: number[] } {
  const needle = search.trim().toLowerCase();
  const expand: number[] = [];
  const withKids: number[] = [];
  let count = 0;

  const build = (node: OrgNode, keepAll: boolean): OrgTreeItem | null => {
    const self = needle === '' || keepAll || matches(node, needle);
    const kids: OrgTreeItem[] = [];
    for (const child of index.children.get(node.id) ?? []) {
      const item = build(child, needle !== '' && self);
      if (item) kids.push(item);
    }
    const hasMatchBelow = needle !== '' && kids.length > 0 && !keepAll && !matches(node, needle);
    if (!self && kids.length === 0) return null;
    count += 1;
    if (hasMatchBelow) expand.push(node.id);
    if (kids.length) withKids.push(node.id);
    return {
      key: node.id,
      node,
      selectable: !node.ancestorOnly,
      children: kids.length ? kids : undefined,
    };
  };

  const items = index.roots.map((r) => build(r, false)).filter((i): i is OrgTreeItem => i !== null);
  return { items, expand: count <= EXPAND_ALL_LIMIT ? withKids : expand };
}

/** What opens at first: the district and any path above the user's own scope. */
export function defaultExpanded(nodes: readonly OrgNode[]): number[] {
  return nodes.filter((n) => n.level === 'district' || n.ancestorOnly).map((n) => n.id);
}
