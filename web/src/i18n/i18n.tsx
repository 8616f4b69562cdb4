/**
 * Message catalogues and text direction. `useI18n()` gives `t(key, vars)`, `count(key, n, vars)`
 * for counted messages (the language's plural forms, plural.ts) and number and date formats of the language; the language is kept in
 * localStorage and sets `<html lang dir>`, so Arabic lays the whole page out right to left.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { ar } from './ar';
import { arCounts } from './ar-counts';
import { setCurrentLanguage } from './current';
import { en, type MessageKey, type Messages } from './en';
import { type CountKey, type CountMessages, enCounts } from './en-counts';
import { pluralText } from './plural';
import { translate } from './translate';

export const LANGUAGES = { en: { name: 'English', dir: 'ltr' }, ar: { name: 'العربية', dir: 'rtl' } } as const;
export type Language = keyof typeof LANGUAGES;
const CATALOGUES: Record<Language, Messages> = { en, ar };
const COUNTS: Record<Language, CountMessages> = { en: enCounts, ar: arCounts };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** A counted message in the language's plural form for `n`, the count written the language's way. */
  count(key: CountKey, n: number, vars?: Record<string, string | number>): string;
  /** A number written the language's way (digits, grouping). */
  number(value: number): string;
  /** A date (ms since the epoch) written the language's way. */
  date(ms: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem('vigil.language');
  return stored === 'ar' || stored === 'en' ? stored : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = LANGUAGES[language].dir;
    localStorage.setItem('vigil.language', language);
  }, [language]);
  const value = useMemo<I18n>(() => {
    setCurrentLanguage(language, CATALOGUES[language]);
    const numbers = new Intl.NumberFormat(language);
    const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    return {
      language,
      setLanguage,
      t: (key, vars) => translate(CATALOGUES[language], key, vars),
      count: (key, n, vars) => pluralText(language, COUNTS[language][key], n, vars),
      number: (n) => numbers.format(n),
      date: (ms) => dates.format(ms),
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
