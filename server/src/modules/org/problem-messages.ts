import type { Localized } from '../../infra/validation-messages.ts';
import type { FeatureProblem } from './commands/validate-geojson.ts';

const MESSAGES: Record<string, Localized> = {
  not_feature_collection: {
    zh: '文件须为 GeoJSON FeatureCollection',
    en: 'the file must be a GeoJSON FeatureCollection',
  },
  empty: { zh: '文件中没有任何要素', en: 'the file has no features' },
  not_a_feature: { zh: '不是 GeoJSON 要素（Feature）', en: 'not a GeoJSON Feature' },
  bad_code: { zh: '编码须为 6、9、12 或 15 位数字', en: 'the code must be 6, 9, 12 or 15 digits' },
  bad_name: { zh: '名称须为 1 到 100 个字符', en: 'the name must be 1 to 100 characters' },
  bad_kind: { zh: '类型与层级不符', en: 'the kind does not fit the level' },
  bad_date: {
    zh: '日期须为 YYYY-MM-DD，且结束日期晚于开始日期',
    en: 'dates must be YYYY-MM-DD, and the end after the start',
  },
  bad_geometry: { zh: '几何图形不是有效的面（Polygon）', en: 'the geometry is not a valid polygon' },
  duplicate_code: { zh: '编码在文件中重复', en: 'the code appears twice in the file' },
  outside_your_scope: { zh: '超出您的管理范围', en: 'outside the area you manage' },
  invalid_polygon: {
    zh: '边界自相交或不闭合，不是有效的面',
    en: 'the outline crosses itself or is otherwise not a valid polygon',
  },
  parent_missing: { zh: '找不到上级节点', en: 'the parent node does not exist' },
  overlaps: { zh: '与同级节点的边界重叠', en: 'overlaps a sibling node' },
  outside_parent: { zh: '超出上级节点的边界', en: 'lies outside its parent node' },
  node_missing: {
    zh: '文件中没有所选节点（请检查要素的 code）',
    en: 'the file has no feature for the selected node (check the code property)',
  },
};

/** The problems with a sentence each in both languages, which the error handler narrows to the caller's. */
export function withMessages(problems: FeatureProblem[]): (FeatureProblem & { message: Localized })[] {
  return problems.map((p) => ({ ...p, message: MESSAGES[p.problem] ?? { zh: p.problem, en: p.problem } }));
}
