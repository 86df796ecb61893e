/** A labelled two-line text box of the visit pages: required texts take 2–500 characters, notes up to 1,000. */
export function TextAreaField({
  label,
  value,
  onChange,
  placeholder,
  testId,
  optional,
  sub,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  testId: string;
  /** notes: may stay empty, and may be longer */
  optional?: boolean;
  /** a smaller label, inside a need's box */
  sub?: boolean;
}) {
  return (
    <label className="m-field">
      <span className={sub ? 'm-label-sub' : 'm-label'}>{label}</span>
      <textarea
        className="m-input m-textarea"
        rows={2}
        required={!optional}
        minLength={optional ? undefined : 2}
        maxLength={optional ? 1000 : 500}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
