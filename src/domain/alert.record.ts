/**
 * A notice to an agency that its material matched another agency's series or hash set
 * (DESIGN.md §2). It names the record it is about; it is read (by a user) or unread.
 */
import type { RecordKind } from './link.record.js';

/** Free text in the database. */
export const ALERT_REASONS = ['series_match', 'hash_set_match', 'camera_serial'] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];

export interface Alert {
  id: number;
  /** The agency alerted, which owns the alert. */
  agencyId: number;
  about: { kind: RecordKind; id: number };
  /** The match that raised it, if one did. */
  matchId: number | null;
  reason: AlertReason;
  createdAt: number;
  readAt: number | null;
  readBy: number | null;
}
