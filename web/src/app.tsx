/** Chooses the page: loading, sign-in, what must be done first, or the signed-in app. */
import { AppShell, LanguagePicker } from './components/app-shell';
import { useI18n } from './i18n/i18n';
import { PAGES, pageOpenTo } from './pages';
import { LoginPage } from './pages/login-page';
import { ChangePasswordPage, TotpEnrolmentPage } from './pages/pending-pages';
import { matchPath, useRoute } from './router';
import { useSession } from './session';

export function App() {
  const { info } = useSession();
  const { t, language, setLanguage } = useI18n();
  if (info === undefined) return <main className="page" aria-busy="true" />;
  if (info === null || info.pending !== null) {
    return (
      <div className="outside">
        <div className="outside-bar">
          <strong className="brand">{t('appName')}</strong>
          <LanguagePicker language={language} onChange={setLanguage} label={t('nav.language')} />
        </div>
        {info === null ? (
          <LoginPage />
        ) : info.pending === 'password-change' ? (
          <ChangePasswordPage />
        ) : (
          <TotpEnrolmentPage />
        )}
      </div>
    );
  }
  return (
    <AppShell>
      <CurrentPage />
    </AppShell>
  );
}

function CurrentPage() {
  const { path } = useRoute();
  const { t } = useI18n();
  const roles = useSession().info?.user.roles ?? [];
  for (const entry of PAGES) {
    const params = matchPath(entry.path, path);
    // A page kept from the navigation for a role is kept from its address too: its forms would
    // all be refused by the hub.
    if (params && !pageOpenTo(entry, roles)) {
      return (
        <main className="page">
          <p>{t('page.notForRole')}</p>
        </main>
      );
    }
    if (params) return <entry.page params={params} />;
  }
  return (
    <main className="page">
      <p>{t('page.notFound')}</p>
    </main>
  );
}
