import { Select } from 'antd';
import { useOrgTree } from '../../api/queries.ts';
import type { Root } from './volunteers-page.tsx';

/** A select of the streets and communities under the caller's scope (volunteers, teams and goods belong to one). */
export function AreaSelect({
  root,
  value,
  onChange,
  testId,
}: {
  root: Root;
  value?: string;
  onChange?: (v: string) => void;
  testId?: string;
}) {
  const tree = useOrgTree();
  const options = (tree.data ?? [])
    .filter(
      (n) => (n.level === 'street' || n.level === 'community') && n.code.startsWith(root.code.slice(0, 9)),
    )
    .filter((n) => n.code.startsWith(root.code) || root.code.length <= 6)
    .map((n) => ({ value: n.code, label: n.level === 'street' ? n.name : `· ${n.name}` }));
  return (
    <Select
      value={value}
      onChange={onChange}
      options={options}
      showSearch
      optionFilterProp="label"
      loading={tree.isPending}
      data-testid={testId}
    />
  );
}
