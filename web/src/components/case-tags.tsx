import './case-tags.css';
import type { CaseState } from '@civicgrid/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Light, SupervisionLevel } from '../api/case-types.ts';
import { stateLabel } from './case-labels.ts';

const STATE_COLORS: Record<CaseState, string> = {
  reported: 'blue',
  verifying: 'cyan',
  filed: 'geekblue',
  dispatched: 'processing',
  pending_check: 'purple',
  closed: 'success',
  rejected: 'default',
  suspended: 'warning',
};

/** The case state as a coloured tag (待结案 once the check passed). */
export function CaseStateTag({ state, checkPassed = false }: { state: CaseState; checkPassed?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="case-state" data-state={state}>
      {stateLabel(state, i18n.language, checkPassed)}
    </Tag>
  );
}

/** The 返工 mark of a case that was reworked (check failed or sent back), or nothing. */
export function ReworkTag({ count }: { count: number }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <Tag color="volcano" data-testid="rework-tag" title={t('caseMarks.reworkTitle', { count })}>
      {t('caseMarks.rework')}
    </Tag>
  );
}

/** The traffic light of the current stage as a dot with a text alternative; nothing when no stage runs. */
export function LightDot({ light, withText = false }: { light: Light | null; withText?: boolean }) {
  const { t } = useTranslation();
  if (!light) return <span className="light-none">—</span>;
  const label = t(`lights.${light}`);
  return (
    <span className="light-wrap" title={label}>
      <span className={`light-dot light-${light}`} role="img" aria-label={label} data-light={light} />
      {withText && <span className="light-text">{label}</span>}
    </span>
  );
}

const SUPERVISION_COLORS: Record<SupervisionLevel, string> = { normal: 'blue', yellow: 'gold', red: 'red' };

/** The 督办 mark, or nothing. */
export function SupervisionTag({ level }: { level: SupervisionLevel | null }) {
  const { t } = useTranslation();
  if (!level) return null;
  return (
    <Tag color={SUPERVISION_COLORS[level]} data-testid="supervision-tag" data-level={level}>
      {t(`supervision.${level}`)}
    </Tag>
  );
}
