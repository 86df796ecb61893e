import type { CaseAction } from '@civicgrid/shared';
import { Button, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseListRow } from '../../api/case-types.ts';
import { useCase } from '../../api/cases.ts';
import { transitionLabel } from '../../components/case-labels.ts';

/** What a unit does from its inbox row; everything else is on the case page. */
const ROW_ACTIONS: readonly CaseAction[] = ['sign', 'feedback', 'request_extension', 'return', 'report_in'];

/**
 * A unit's buttons on one inbox row: the row's own abilities (from the case, which the case page then reuses
 * from the cache), limited to signing, feedback, extension, return and reporting in.
 */
export function InboxRowActions({
  row,
  onPick,
}: {
  row: CaseListRow;
  onPick: (action: CaseAction, caseData: CaseDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const answer = useCase(row.state === 'dispatched' ? row.id : null);
  if (row.state !== 'dispatched') return null;
  if (answer.isPending) return <Skeleton.Button active size="small" />;
  if (!answer.data) return null;
  const actions = ROW_ACTIONS.filter((a) => answer.data.abilities.includes(a));
  const signed = !!answer.data.data.signedAt;
  return (
    <Space size={4} wrap className="row-actions" data-testid="row-actions">
      {signed && <Tag color="green">{t('inbox.signed')}</Tag>}
      {actions.map((a) => (
        <Button
          key={a}
          size="small"
          type={a === 'sign' || a === 'feedback' ? 'primary' : 'default'}
          danger={a === 'return'}
          data-testid={`row-${a}`}
          onClick={(e) => {
            e.stopPropagation();
            onPick(a, answer.data.data);
          }}
        >
          {transitionLabel(a, i18n.language)}
        </Button>
      ))}
    </Space>
  );
}
