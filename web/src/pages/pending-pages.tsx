/**
 * What a user must do before anything else: replace a one-time password, or enrol a second
 * factor their agency requires. The server holds every other request until then.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorLine, Field } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

export function ChangePasswordPage() {
  const { t } = useI18n();
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) return setError(t('password.mismatch'));
    try {
      await unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } }));
      await session.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <main className="card narrow">
      <h1>{t('password.title')}</h1>
      <p>{t('password.why')}</p>
      <form onSubmit={submit}>
        <Field
          label={t('password.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
        <Field
          label={t('password.new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
        <Field
          label={t('password.repeat')}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
        <ErrorLine message={error} />
        <button type="submit">{t('password.submit')}</button>
      </form>
    </main>
  );
}

export function TotpEnrolmentPage() {
  const { t } = useI18n();
  const session = useSession();
  const [secret, setSecret] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function begin() {
    try {
      setSecret((await unwrap(api.POST('/api/v1/auth/totp'))).secret);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    try {
      await unwrap(api.POST('/api/v1/auth/totp/confirm', { body: { code } }));
      await session.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <main className="card narrow">
      <h1>{t('totp.title')}</h1>
      <p>{t('totp.why')}</p>
      {secret === null ? (
        <button type="button" onClick={begin}>
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
    </main>
  );
}
