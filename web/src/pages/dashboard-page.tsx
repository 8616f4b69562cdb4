/** The first page after sign-in. Figures and charts arrive with the stats API (issue #9 item 2). */
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

export function DashboardPage() {
  const { t } = useI18n();
  const { info } = useSession();
  return (
    <main className="page">
      <h1>{t('dashboard.title')}</h1>
      <p data-testid="welcome">{t('dashboard.welcome', { name: info?.user.displayName ?? '' })}</p>
    </main>
  );
}
