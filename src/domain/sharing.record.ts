/**
 * How far an agency shares a series or hash set (DESIGN.md §2, issue #4). Whatever the level,
 * the owner agency and the agencies it names (series_shares, hash_set_shares) see the record.
 *
 * - `all`: every agency sees the record; its hashes may go to partners.
 * - `hash_only`: the record stays with the owner and named agencies; its hashes (not the
 *   record) may be answered to every agency and to partners ("is this hash known?").
 * - `restricted`: record and hashes stay with the owner and the named agencies.
 */
export const SHARING_LEVELS = ['all', 'hash_only', 'restricted'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

export function isSharingLevel(value: string): value is SharingLevel {
  return (SHARING_LEVELS as readonly string[]).includes(value);
}
