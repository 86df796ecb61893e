import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api.ts';

/** A centred spinner with a label for screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="m-loading" role="status" aria-live="polite" data-testid="loading">
      <span className="m-spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

/** An error in the user's language, with a way forward (retry) when there is one. */
export function ErrorNotice({
  error,
  onRetry,
  children,
}: {
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="m-notice m-notice-error" role="alert" data-testid="error">
      <p>{typeof error === 'string' ? error : errorMessage(error)}</p>
      {children}
      {onRetry && (
        <button type="button" className="m-btn m-btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A calm message for a list with nothing in it. */
export function Empty({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="m-empty" data-testid={testId ?? 'empty'}>
      {children}
    </div>
  );
}
