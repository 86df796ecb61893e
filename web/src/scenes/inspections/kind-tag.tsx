import { INSPECTION_KIND_LABELS, type InspectionKind } from '@civicgrid/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const KIND_COLOR: Record<InspectionKind, string> = {
  morning_inspection: 'blue',
  undercover: 'purple',
  supervision: 'orange',
  mock_evaluation: 'cyan',
};

/** The kind of an inspection (晨查, 暗访, 督查, 模拟测评) as a coloured tag. */
export function KindTag({ kind }: { kind: InspectionKind }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={KIND_COLOR[kind]}>
      {INSPECTION_KIND_LABELS[kind][i18n.language === 'en-US' ? 'en' : 'zh']}
    </Tag>
  );
}
