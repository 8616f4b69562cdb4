/**
 * Second-factor enrolment, used where an agency requires it before anything else and on the
 * account page: show a new key, then activate it with a code from the authenticator app.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { useI18n } from '../i18n/i18n';
import { ErrorLine, Field } from './field';

export function TotpEnrolment({ onActive }: { onActive(): void | Promise<void> }) {
  const { t } = useI18n();
  const [secret, setSecret] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const guard = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void guard(async () => {
      await unwrap(api.POST('/api/v1/auth/totp/confirm', { body: { code } }));
      setSecret(null);
      await onActive();
    });
  };

  return (
    <>
      {secret === null ? (
        <button
          type="button"
          onClick={() => void guard(async () => setSecret((await unwrap(api.POST('/api/v1/auth/totp'))).secret))}
        >
          {t('totp.start')}
        </button>
      ) : (
        <form onSubmit={confirm}>
          <p>{t('totp.secret')}</p>
          <code className="secret" data-testid="totp-secret">
            {secret}
          </code>
          <Field
            label={t('totp.code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
          <button type="submit">{t('totp.submit')}</button>
        </form>
      )}
      <ErrorLine message={error} />
    </>
  );
}
