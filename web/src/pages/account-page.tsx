/** The signed-in user's own settings: second factor and personal tokens for scripts. */
import { useState } from 'react';
import { TotpEnrolment } from '../components/totp-enrolment';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { AccountTokens } from './account-tokens';

export function AccountPage() {
  const { t } = useI18n();
  const { info, refresh } = useSession();
  const [done, setDone] = useState<string | null>(null);
  // An active second factor cannot be enrolled again (the hub refuses it): say it is on instead.
  const active = info?.secondFactor === true;

  return (
    <main className="page">
      <h1>{t('account.title')}</h1>
      <section className="card">
        <h2>{active ? t('account.secondFactor') : t('totp.title')}</h2>
        {done && <p role="status">{done}</p>}
        {active && !done && <p data-testid="second-factor-on">{t('account.totpOn')}</p>}
        {!active && (
          <TotpEnrolment
            onActive={async () => {
              setDone(t('account.totpActive'));
              await refresh();
            }}
          />
        )}
      </section>
      <AccountTokens />
    </main>
  );
}
