import { auditEntityLabel } from '@civicgrid/shared';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types.ts';
import { REVEAL_ACTION, RevealSummary } from './reveal-summary.tsx';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('audit.nothing')}</Typography.Text>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

/** Who changed what, then the before and after state side by side (stacked on phones). */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  // Repeats the columns a phone hides, so the expanded row is complete on every screen.
  const facts = [
    `${t('audit.actor')}: ${entry.actorName ?? t('audit.system')}`,
    `${t('audit.entity')}: ${auditEntityLabel(entry.entity, i18n.language)}`,
    entry.entityId && `${t('audit.entityId')}: ${entry.entityId}`,
    entry.scopeCode && `${t('audit.scope')}: ${entry.scopeCode}`,
  ].filter(Boolean);
  return (
    <div className="audit-changes" data-testid="audit-changes">
      <Typography.Text type="secondary" className="audit-facts">
        {facts.join(' · ')}
      </Typography.Text>
      {entry.action === REVEAL_ACTION ? (
        <RevealSummary entry={entry} />
      ) : (
        <>
          <div>
            <div className="audit-changes-label">{t('audit.before')}</div>
            <Json value={entry.before} />
          </div>
          <div>
            <div className="audit-changes-label">{t('audit.after')}</div>
            <Json value={entry.after} />
          </div>
        </>
      )}
    </div>
  );
}
