/** An alert's sentence in the user's language, from its reason, the record it is about and who raised it. */
import type { MessageKey } from '../i18n/en.js';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The alert in the user's language; a reason this build does not know keeps the server's English text. */
export function alertText(
  a: { reason: string; message: string; about: { kind: string; id: number }; fromAgency: { name: string } | null },
  t: Translate,
): string {
  const key = `alerts.reason.${a.reason}` as MessageKey;
  const known: readonly string[] = ALERT_REASON_KEYS;
  if (!known.includes(key)) return a.message;
  return t(key, { id: a.about.id, kind: a.about.kind, from: a.fromAgency?.name ?? t('alerts.anotherAgency') });
}

const ALERT_REASON_KEYS: readonly MessageKey[] = [
  'alerts.reason.series_match',
  'alerts.reason.hash_set_match',
  'alerts.reason.camera_serial',
  'alerts.reason.match_confirmed',
  'alerts.reason.victim_identified',
  'alerts.reason.series_found_elsewhere',
  'alerts.reason.hash_set_found_elsewhere',
];
