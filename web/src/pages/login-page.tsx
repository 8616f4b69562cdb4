/** Sign in: username and password, then the TOTP code when the account has a second factor. */
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(session.expired ? t('session.expired') : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = needsCode ? { username, password, totpCode } : { username, password };
      session.signedIn(await unwrap(api.POST('/api/v1/auth/login', { body })));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp-required') {
        setNeedsCode(true);
        setError(t('login.totpNeeded'));
      } else {
        setError(messageOf(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="card narrow">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit}>
        <Field
          label={t('login.username')}
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus={!needsCode}
          required
        />
        <Field
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {needsCode && (
          <Field
            label={t('login.totp')}
            name="totpCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            value={totpCode}
            onChange={(e) => setTotpCode(e.target.value)}
            autoFocus
            required
          />
        )}
        <ErrorLine message={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
