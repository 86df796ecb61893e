import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getData } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { formatDateTime } from '../i18n/index.ts';
import type { PublicCase } from '../types.ts';
import { useLoad } from '../use-load.ts';

interface ReportSuccessProps {
  trackingCode: string;
  onAnother(): void;
  /** extra content or actions (the grid worker's 立行立改) */
  children?: React.ReactNode;
  /** false when the extra actions come first */
  trackPrimary?: boolean;
}

/** Copies text, with the old selection trick where the Clipboard API is missing (plain-http pages). */
async function copyText(text: string, el: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!el) return false;
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    return document.execCommand('copy');
  }
}

/** The tracking code, big and copyable, and the reply promise. */
export function ReportSuccess({
  trackingCode,
  onAnother,
  children,
  trackPrimary = true,
}: ReportSuccessProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  // the reply deadline is set when the case is filed; ask the tracking page whether that has happened
  const tracked = useLoad(trackingCode, () => getData<PublicCase>(`/api/track/${trackingCode}`));
  const reply = tracked.data?.replyDeadlineAt;

  return (
    <section className="m-success" aria-labelledby="success-title" data-testid="report-success">
      <div className="m-success-icon" aria-hidden="true">
        <Icon name="check" size={36} />
      </div>
      <h2 id="success-title">{t('report.successTitle')}</h2>
      <p className="m-hint">{t('report.trackingCode')}</p>
      <p className="m-code" id="tracking-code" data-testid="report-tracking-code">
        {trackingCode}
      </p>
      <button
        type="button"
        className="m-btn m-btn-small"
        onClick={async () =>
          setCopied(await copyText(trackingCode, document.getElementById('tracking-code')))
        }
        data-testid="report-copy"
      >
        <Icon name="copy" size={18} />
        {copied ? t('report.copied') : t('report.copy')}
      </button>
      {copied === false && <p className="m-field-error">{t('report.copyFailed')}</p>}
      <p className="m-promise" data-testid="report-promise">
        {reply ? t('report.replyBy', { date: formatDateTime(reply) }) : t('report.replyAfterFiling')}
      </p>
      <p className="m-hint">{t('report.keepCode')}</p>
      {children}
      <SuccessActions onAnother={onAnother}>
        <Link
          className={trackPrimary ? 'm-btn m-btn-primary m-btn-block' : 'm-btn m-btn-block'}
          to={`/track/${trackingCode}`}
          data-testid="report-track-link"
        >
          {t('report.viewTracking')}
        </Link>
      </SuccessActions>
    </section>
  );
}

/** The ways on from a success screen: its own first action, then another report, then home. */
export function SuccessActions({ children, onAnother }: { children: React.ReactNode; onAnother(): void }) {
  const { t } = useTranslation();
  return (
    <div className="m-stack">
      {children}
      <button type="button" className="m-btn m-btn-block" onClick={onAnother}>
        {t('report.another')}
      </button>
      <Link className="m-btn m-btn-ghost m-btn-block" to="/">
        {t('common.home')}
      </Link>
    </div>
  );
}
