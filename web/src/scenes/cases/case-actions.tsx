import type { CaseAction } from '@civicgrid/shared';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseAnswer, CaseDetail } from '../../api/case-types.ts';
import { transitionLabel } from '../../components/case-labels.ts';

/** The forward step of each stage: shown as the primary button. */
const PRIMARY: readonly CaseAction[] = [
  'file',
  'dispatch',
  'sign',
  'feedback',
  'check_pass',
  'close',
  'approve_extension',
];
const DANGER: readonly CaseAction[] = ['reject', 'return', 'check_fail', 'deny_extension'];

/** Exactly the transitions the server allows this user now, one button each, primary ones first. */
export function CaseActions({
  answer,
  onPick,
}: {
  answer: CaseAnswer;
  onPick: (action: CaseAction, caseData: CaseDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const actions = [...answer.abilities].sort(
    (a, b) => Number(PRIMARY.includes(b)) - Number(PRIMARY.includes(a)),
  );
  if (actions.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="case-no-actions">
        {t('case.noActions')}
      </Typography.Text>
    );
  return (
    <Space wrap size={[8, 8]} data-testid="case-actions" role="toolbar" aria-label={t('case.actions')}>
      {actions.map((action) => (
        <Button
          key={action}
          type={PRIMARY.includes(action) ? 'primary' : 'default'}
          danger={DANGER.includes(action)}
          data-testid={`action-${action}`}
          onClick={() => onPick(action, answer.data)}
        >
          {transitionLabel(action, i18n.language)}
        </Button>
      ))}
    </Space>
  );
}
