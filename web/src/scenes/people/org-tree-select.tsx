import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgTree } from '../../api/queries.ts';
import type { OrgNode } from '../../api/types.ts';

interface TreeItem {
  value: string;
  title: string;
  children: TreeItem[];
}

/** Builds the tree of the visible nodes (codes as values), parents first as the API lists them. */
function treeOf(nodes: OrgNode[]): TreeItem[] {
  const items = new Map<number, TreeItem>();
  const roots: TreeItem[] = [];
  for (const n of nodes) {
    const item = { value: n.code, title: n.name, children: [] as TreeItem[] };
    items.set(n.id, item);
    const parent = n.parentId === null ? undefined : items.get(n.parentId);
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  return roots;
}

/** Picks an org node of the caller's tree by its code (an area for search, import or export). */
export function OrgTreeSelect(props: {
  value?: string;
  onChange?: (code: string) => void;
  testId?: string;
  allowClear?: boolean;
  /** the id a `<label htmlFor>` names it by, where no form label does */
  id?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const data = useMemo(() => treeOf(tree.data ?? []), [tree.data]);
  return (
    <TreeSelect<string>
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      treeData={data}
      showSearch
      treeNodeFilterProp="title"
      allowClear={props.allowClear}
      treeDefaultExpandAll={false}
      style={{ minWidth: 220 }}
      data-testid={props.testId}
      id={props.id}
      // its accessible name where no <label> names it (a filter bar); a form label, when there, comes first
      aria-label={props.id ? undefined : t('people.org')}
      placeholder={props.placeholder}
      loading={tree.isLoading}
    />
  );
}
