import './reveal.css';
import { type AuditAction, auditEntityLabel } from '@civicgrid/shared';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AuditEntry } from '../../api/types.ts';

/** The audit action code of a reveal of personal data. */
export const REVEAL_ACTION = 'personal.reveal' satisfies AuditAction;

interface RevealRecord {
  subject?: string;
  fields?: string[];
  reason?: string;
  via?: string;
}

/**
 * A reveal row in words: whose fields were shown, the reason given and the right used, with a link to the
 * record. The row never holds the values themselves.
 */
export function RevealSummary({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const r = (entry.after ?? {}) as RevealRecord;
  const fields = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    (r.fields ?? []).map((f) => t(`personal.fields.${f}`, { defaultValue: f })),
  );
  const subject = t(`personal.subjects.${r.subject}`, { defaultValue: r.subject ?? '' });
  return (
    <div className="reveal-summary" data-testid="reveal-summary">
      <Typography.Text strong>{t('personal.audit.summary', { subject, fields })}</Typography.Text>
      <Typography.Text>{t('personal.audit.reason', { reason: r.reason ?? '—' })}</Typography.Text>
      <Typography.Text type="secondary">
        {t('personal.audit.via', { via: t(`personal.via.${r.via}`, { defaultValue: r.via ?? '—' }) })}
      </Typography.Text>
      {entry.entity === 'case' && entry.entityId && (
        <Link to={`/cases/${entry.entityId}`}>
          {auditEntityLabel('case', i18n.language)} #{entry.entityId}
        </Link>
      )}
    </div>
  );
}
