/**
 * A notice to an agency that its material matched another agency's series or hash set
 * (DESIGN.md §2). It names the record it is about; it is read (by a user) or unread.
 */
import type { RecordKind } from './link.record.js';

/**
 * Free text in the database. `series_match` / `hash_set_match`: the agency's media matched another
 * agency's series or hash set; `series_found_elsewhere` / `hash_set_found_elsewhere`: the agency's
 * series or hash set turned up in another agency's upload; `match_confirmed`: another agency
 * confirmed a match to the agency's series; `victim_identified`: a victim in the agency's series
 * was identified.
 */
export const ALERT_REASONS = [
  'series_match',
  'hash_set_match',
  'camera_serial',
  'match_confirmed',
  'victim_identified',
  'series_found_elsewhere',
  'hash_set_found_elsewhere',
] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];

export interface Alert {
  id: number;
  /** The agency alerted, which owns the alert. */
  agencyId: number;
  about: { kind: RecordKind; id: number };
  /** The match that raised it, if one did. */
  matchId: number | null;
  reason: AlertReason;
  /** The agency whose action raised it (it confirmed the match, it identified the victim), if another. */
  fromAgencyId: number | null;
  /** For `victim_identified`: the victim's id (never more; the record stays with its agency). */
  victimId: number | null;
  createdAt: number;
  readAt: number | null;
  readBy: number | null;
}
