import { useTranslation } from 'react-i18next';

interface ContactFieldsProps {
  name: string;
  phone: string;
  phoneError?: string;
  onName(v: string): void;
  onPhone(v: string): void;
}

/** The resident's optional name and phone, for a call-back; only staff see them. */
export function ContactFields({ name, phone, phoneError, onName, onPhone }: ContactFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="m-field" id="field-phone">
      <legend className="m-label">
        {t('report.contact')} <span className="m-opt">{t('common.optionalMark')}</span>
      </legend>
      <p className="m-hint">{t('report.contactHint')}</p>
      <p className="m-hint">{t('reporterCheck.contactHint')}</p>
      <label className="m-label m-label-sub" htmlFor="report-name">
        {t('report.name')}
      </label>
      <input
        id="report-name"
        className="m-input"
        autoComplete="name"
        maxLength={50}
        value={name}
        onChange={(e) => onName(e.target.value)}
        data-testid="report-name"
      />
      <label className="m-label m-label-sub" htmlFor="report-phone">
        {t('report.phone')}
      </label>
      <input
        id="report-phone"
        className="m-input"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        maxLength={20}
        value={phone}
        aria-invalid={!!phoneError}
        onChange={(e) => onPhone(e.target.value)}
        data-testid="report-phone"
      />
      {phoneError && (
        <p className="m-field-error" role="alert">
          {phoneError}
        </p>
      )}
    </fieldset>
  );
}
