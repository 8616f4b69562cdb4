/**
 * What a user must do before anything else: replace a one-time password, or enrol a second
 * factor their agency requires. The server holds every other request until then.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { TotpEnrolment } from '../components/totp-enrolment';
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
      setError(messageOf(err));
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
  return (
    <main className="card narrow">
      <h1>{t('totp.title')}</h1>
      <p>{t('totp.why')}</p>
      <TotpEnrolment onActive={session.refresh} />
    </main>
  );
}
