import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, getData, request } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

/**
 * The work phone the grid worker agrees to publish on the door plates of their grid: separate from the
 * private phone of their account, which is never printed. Empty withdraws it.
 */
export function WorkPhone() {
  const { t } = useTranslation();
  const { me } = useSession();
  const current = useLoad('work-phone', () =>
    getData<{ publicPhone: string | null }>('/api/door-plates/work-phone'),
  );
  const [value, setValue] = useState<string | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  if (!me || !current.data) return null;
  const shown = value ?? current.data.publicPhone ?? '';
  return (
    <form
      className="m-card m-form"
      data-testid="work-phone"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await request('PUT', `/api/users/${me.id}/public-phone`, {
            json: { publicPhone: shown.trim() || null },
          });
          setState({ kind: 'saved' });
          current.reload();
        } catch (err) {
          setState({ kind: 'error', message: errorMessage(err) });
        }
      }}
    >
      <label className="m-field">
        <span className="m-label">{t('visits.workPhone')}</span>
        <span className="m-label-sub">{t('visits.workPhoneHint')}</span>
        <input
          className="m-input"
          type="tel"
          inputMode="tel"
          maxLength={20}
          value={shown}
          onChange={(e) => {
            setValue(e.target.value);
            setState({ kind: 'idle' });
          }}
          data-testid="work-phone-input"
        />
      </label>
      {state.kind === 'error' && (
        <p className="m-field-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'saved' && (
        <p className="m-hint" role="status">
          {t('visits.workPhoneSaved')}
        </p>
      )}
      <button type="submit" className="m-btn m-btn-small" data-testid="work-phone-save">
        {t('visits.workPhoneSave')}
      </button>
    </form>
  );
}
