/** The signed-in user's own settings: second factor and personal tokens for scripts. */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { TotpEnrolment } from '../components/totp-enrolment';
import { useI18n } from '../i18n/i18n';

export function AccountPage() {
  const { t } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const [tokenName, setTokenName] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const guard = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const createToken = (event: FormEvent) => {
    event.preventDefault();
    void guard(async () => {
      setToken((await unwrap(api.POST('/api/v1/auth/tokens', { body: { name: tokenName } }))).token);
    });
  };

  return (
    <main className="page">
      <h1>{t('account.title')}</h1>
      <section className="card">
        <h2>{t('totp.title')}</h2>
        {done && <p role="status">{done}</p>}
        <TotpEnrolment onActive={() => setDone(t('account.totpActive'))} />
      </section>
      <section className="card">
        <h2>{t('account.tokens')}</h2>
        <p>{t('account.tokensWhy')}</p>
        <form onSubmit={createToken}>
          <Field
            label={t('account.tokenName')}
            name="tokenName"
            value={tokenName}
            onChange={(e) => setTokenName(e.target.value)}
            required
          />
          <button type="submit">{t('account.createToken')}</button>
        </form>
        {token && (
          <>
            <p>{t('account.tokenOnce')}</p>
            <code className="secret">{token}</code>
          </>
        )}
      </section>
      <ErrorLine message={error} />
    </main>
  );
}
