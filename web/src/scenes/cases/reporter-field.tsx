import { AuditOutlined } from '@ant-design/icons';
import type { ReporterView, RevealedReporter } from '@civicgrid/shared';
import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealReporter } from '../../api/personal.ts';
import { RevealModal } from '../../components/reveal-modal.tsx';

/**
 * The reporter on the case page: masked (or, for a unit, withheld) until the user reveals it with a reason.
 * Clear values live in this component's state only, so they are gone when the page is left.
 */
export function ReporterField({ caseId, reporter }: { caseId: number; reporter: ReporterView }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [clear, setClear] = useState<RevealedReporter | null>(null);
  const shown = clear ?? reporter;
  const what = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    [
      reporter.withheld || reporter.name !== null ? t('personal.fields.name') : null,
      reporter.withheld || reporter.phone !== null ? t('personal.fields.phone') : null,
      !reporter.withheld && reporter.email !== null ? t('personal.fields.email') : null,
    ].filter((x): x is string => x !== null),
  );

  return (
    <span className="reporter-field" data-testid="case-reporter" data-state={clear ? 'revealed' : 'masked'}>
      {reporter.withheld && !clear ? (
        <Typography.Text type="secondary" title={t('personal.withheldHint')}>
          {t('personal.withheld')}
        </Typography.Text>
      ) : (
        <>
          <span data-testid="reporter-name">{shown.name ?? t('case.anonymous')}</span>
          {shown.phone && (
            <>
              {' · '}
              {clear?.phone ? (
                <a href={`tel:${clear.phone}`} data-testid="reporter-phone">
                  {clear.phone}
                </a>
              ) : (
                <span data-testid="reporter-phone">{shown.phone}</span>
              )}
            </>
          )}
          {shown.email && (
            <>
              {' · '}
              {clear?.email ? (
                <a href={`mailto:${clear.email}`} data-testid="reporter-email">
                  {clear.email}
                </a>
              ) : (
                <span data-testid="reporter-email" title={t('open311Fms.email')}>
                  {shown.email}
                </span>
              )}
            </>
          )}
        </>
      )}
      {!clear && reporter.canReveal && (
        <Button type="link" size="small" onClick={() => setAsking(true)} data-testid="reporter-reveal">
          {reporter.withheld ? t('personal.revealContact') : t('personal.reveal')}
        </Button>
      )}
      {clear && (
        <Typography.Text type="secondary" className="reporter-recorded" title={t('personal.revealed')}>
          <AuditOutlined /> {t('personal.recorded')}
        </Typography.Text>
      )}
      {asking && (
        <RevealModal
          what={what}
          onClose={() => setAsking(false)}
          onReveal={async (reason) => {
            setClear(await revealReporter(caseId, reason));
            void message.success(t('personal.revealed'));
          }}
        />
      )}
    </span>
  );
}
