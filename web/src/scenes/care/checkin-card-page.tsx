import './checkin-card.css';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../components/format-time.ts';
import type { CheckinCard } from './care-roster-api.ts';

/** The sheet itself: large type for old eyes, the QR code, and how to use it. */
function CardSheet({ c }: { c: CheckinCard }) {
  const { t } = useTranslation();
  return (
    <section className="card-page">
      <article className="card" data-testid="checkin-card">
        <div className="card-head">{t('careCard.head')}</div>
        <p className="card-greeting">{t('careCard.greeting', { name: c.name })}</p>
        <div className="card-body">
          <ol className="card-steps">
            <li>{t('careCard.step1')}</li>
            <li>{t('careCard.step2')}</li>
            <li>{t('careCard.step3', { hours: c.thresholdHours })}</li>
          </ol>
          <img className="card-qr" src={c.qr} alt={t('careCard.qrAlt', { name: c.name })} />
        </div>
        <p className="card-keep">{t('careCard.keep')}</p>
        <p className="card-issued">
          {t('careCard.issued', { date: formatDateTime(c.issuedAt), grid: c.gridName })}
        </p>
      </article>
    </section>
  );
}

/**
 * /care/card: the check-in card just issued from the watched-person drawer, for printing (A4). The card comes
 * in the navigation's state, never in the address: it holds the link's secret, which is shown this once.
 */
export function CheckinCardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const card = (useLocation().state as { card?: CheckinCard } | null)?.card ?? null;
  useEffect(() => {
    document.title = t('careCard.title');
  }, [t]);
  return (
    <div data-testid="checkin-card-page">
      <div className="card-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/care')}>
          {t('careCard.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('careCard.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!card}
          onClick={() => window.print()}
          data-testid="checkin-card-print"
        >
          {t('careCard.printNow')}
        </Button>
      </div>
      {card ? (
        <div className="card-sheet">
          <CardSheet c={card} />
        </div>
      ) : (
        <Alert type="info" showIcon style={{ margin: 24 }} message={t('careCard.gone')} />
      )}
    </div>
  );
}
