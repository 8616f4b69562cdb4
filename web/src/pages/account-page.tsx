/** The signed-in user's own settings: second factor and personal tokens for scripts. */
import { useState } from 'react';
import { TotpEnrolment } from '../components/totp-enrolment';
import { useI18n } from '../i18n/i18n';
import { AccountTokens } from './account-tokens';

export function AccountPage() {
  const { t } = useI18n();
  const [done, setDone] = useState<string | null>(null);

  return (
    <main className="page">
      <h1>{t('account.title')}</h1>
      <section className="card">
        <h2>{t('totp.title')}</h2>
        {done && <p role="status">{done}</p>}
        <TotpEnrolment onActive={() => setDone(t('account.totpActive'))} />
      </section>
      <AccountTokens />
    </main>
  );
}
