/**
 * The app's language for code outside React (the API client, uploads with progress): messages
 * the app itself says in an error, in the language chosen. I18nProvider keeps it current.
 */
import { en, type MessageKey, type Messages } from './en.js';
import { translate } from './translate.js';

let current: { locale: string; messages: Messages } = { locale: 'en', messages: en };

export function setCurrentLanguage(locale: string, messages: Messages): void {
  current = { locale, messages };
}

/** A catalogue message in the current language. */
export function localText(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return translate(current.messages, key, vars);
}
