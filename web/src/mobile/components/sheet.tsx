import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons.tsx';

interface SheetProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** take the whole screen (long lists) instead of rising from the bottom */
  full?: boolean;
  testId?: string;
}

/**
 * A modal sheet on the native <dialog>: the browser traps focus, closes it on Escape and restores focus to
 * the control that opened it.
 */
export function Sheet({ title, onClose, children, full, testId }: SheetProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={full ? 'm-sheet m-sheet-full' : 'm-sheet'}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <div className="m-sheet-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="m-icon-btn" aria-label={t('common.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <div className="m-sheet-body">{children}</div>
    </dialog>
  );
}
