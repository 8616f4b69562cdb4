/** The frame around every signed-in page: navigation, language, who is signed in, sign-out. */
import type { ReactNode } from 'react';
import { LANGUAGES, type Language, useI18n } from '../i18n/i18n';
import { PAGES, pageOpenTo } from '../pages';
import { Link } from '../router';
import { useSession } from '../session';
import { ExposureCounter } from './exposure-counter';

export function AppShell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const session = useSession();
  const roles = session.info?.user.roles ?? [];
  return (
    <div className="shell">
      <header className="topbar">
        <strong className="brand">{t('appName')}</strong>
        <nav aria-label="main">
          {PAGES.filter((p) => p.nav && pageOpenTo(p, roles)).map((p) => (
            <Link key={p.path} to={p.path}>
              {p.nav ? t(p.nav) : ''}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <ExposureCounter />
        <LanguagePicker language={language} onChange={setLanguage} label={t('nav.language')} />
        <span className="who">{session.info?.user.username}</span>
        <button type="button" className="link" onClick={() => void session.signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      {children}
    </div>
  );
}

export function LanguagePicker(props: { language: Language; onChange(l: Language): void; label: string }) {
  return (
    <select
      aria-label={props.label}
      value={props.language}
      onChange={(e) => props.onChange(e.target.value as Language)}
    >
      {(Object.keys(LANGUAGES) as Language[]).map((code) => (
        <option key={code} value={code}>
          {LANGUAGES[code].name}
        </option>
      ))}
    </select>
  );
}
