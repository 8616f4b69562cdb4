/**
 * A code the hub sends (a sharing level, a status, a role, a match's verdict) in the app's language; a code the
 * catalogue does not know yet stays visible as itself rather than becoming a blank.
 */
import { en, type MessageKey } from './en.js';

export function codeText(
  t: (key: MessageKey) => string,
  kind: 'sharing' | 'seriesStatus' | 'role' | 'verdict',
  code: string,
): string {
  const key = `${kind}.${code}`;
  return key in en ? t(key as MessageKey) : code;
}
