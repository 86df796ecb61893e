import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Tree } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgNode } from '../../api/types.ts';
import {
  ancestorIds,
  buildTree,
  defaultExpanded,
  indexNodes,
  nodeLabel,
  type OrgTreeItem,
} from './tree-data.ts';

interface OrgTreePanelProps {
  nodes: readonly OrgNode[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** The searchable org tree; a selection made elsewhere (the map) expands and scrolls to its node. */
export function OrgTreePanel({ nodes, selectedId, onSelect }: OrgTreePanelProps) {
  const { t, i18n } = useTranslation();
  const index = useMemo(() => indexNodes(nodes), [nodes]);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<number[]>(() => defaultExpanded(nodes));
  const tree = useMemo(() => buildTree(index, search), [index, search]);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (search.trim()) setExpanded(tree.expand);
  }, [search, tree]);

  useEffect(() => {
    if (selectedId === null || !index.byId.has(selectedId)) return;
    const path = ancestorIds(index, selectedId);
    setExpanded((prev) => (path.every((id) => prev.includes(id)) ? prev : [...new Set([...prev, ...path])]));
    // Wait for the expanded branch to render, then scroll only the tree box: scrollIntoView would also scroll
    // the page, pulling a phone user away from the map they just tapped.
    const timer = window.setTimeout(() => {
      const box = scroller.current;
      const row = box?.querySelector(`[data-node-id="${selectedId}"]`);
      if (!box || !row) return;
      const b = box.getBoundingClientRect();
      const r = row.getBoundingClientRect();
      if (r.top < b.top || r.bottom > b.bottom) box.scrollTop += r.top - b.top - b.height / 2;
    }, 50);
    return () => window.clearTimeout(timer);
  }, [selectedId, index]);

  return (
    <div className="org-tree-panel">
      <Input
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('org.search')}
        aria-label={t('org.search')}
        data-testid="org-tree-search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="org-tree-scroll" data-testid="org-tree" ref={scroller}>
        {tree.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noMatch')} />
        ) : (
          <Tree<OrgTreeItem>
            blockNode
            treeData={tree.items}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(Number))}
            selectedKeys={selectedId === null ? [] : [selectedId]}
            onSelect={(_keys, info) => {
              // Re-clicking the selected node should keep it selected (and zoom again), not deselect it.
              if (info.node.selectable !== false) onSelect(info.node.key);
            }}
            titleRender={(item) => (
              <span
                data-node-id={item.node.id}
                data-level={item.node.level}
                title={
                  item.node.ancestorOnly ? `${item.node.code} · ${t('org.ancestorOnly')}` : item.node.code
                }
                className={item.node.ancestorOnly ? 'tree-node-muted' : undefined}
              >
                {nodeLabel(item.node, i18n.language)}
              </span>
            )}
          />
        )}
      </div>
    </div>
  );
}
