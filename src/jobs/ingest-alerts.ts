/**
 * The alerts an ingested file raises (DESIGN.md §2, issue #7), written in the file's own
 * transaction (ScanTarget.onStored), so they exist exactly when its media, sighting and matches do.
 *
 * When the file IS (same SHA-256) or near-matches a member of another agency's series:
 * - the uploader, `series_match` about that series ("your media matched another agency's
 *   series"), if it may see the series' hashes; the owner is named only where the series record
 *   itself is shared with the uploader (as AlertService.matchFound does for lookups);
 * - the owner, `series_found_elsewhere` about its series ("your series turned up in another
 *   agency's upload"), naming the uploader, always.
 * When it matches an entry of another agency's hash set (exact or PDQ; known-good sets never
 * alert): `hash_set_match` to the uploader and `hash_set_found_elsewhere` to the set's agency.
 *
 * Only matches of content alert (exact, PDQ, vPDQ), not a shared camera serial. Pairs the uploader's
 * agency rejected (under any kind of match) raise nothing, and an alert already raised (same agency,
 * reason, record, match and sender) is not raised again: a re-upload or a retried job adds none.
 * One function, so the alerts service can call it or replace it.
 */
import type { Kysely } from 'kysely';
import { AlertRepository } from '../storage/alert.repository.js';
import { rejectedPartners } from '../storage/match.repository.js';
import { type AlertKey, MatchTargetsRepository } from '../storage/match-targets.repository.js';
import type { VigilSchema } from '../storage/schema.js';

/** Matches of content (same hash, near PDQ) alert; a shared camera serial is a lead, not a match of the series. */
const ALERTING_KINDS: ReadonlySet<string> = new Set(['exact', 'pdq', 'vpdq']);

export interface IngestAlertInput {
  /** The uploading agency. */
  agencyId: number;
  /** The media the file was stored as. */
  mediaId: number;
}

/** Raises the alerts of one stored file inside `trx`; returns how many were new. */
export async function raiseIngestAlerts(
  trx: Kysely<VigilSchema>,
  input: IngestAlertInput,
  now: () => number = Date.now,
): Promise<number> {
  const { agencyId, mediaId } = input;
  const targets = new MatchTargetsRepository(trx);
  // A pair the agency rejected under any kind of match (or in either direction) stays quiet.
  const rejected = await rejectedPartners(trx, agencyId, mediaId);
  const matches = (await targets.matchesOf(agencyId, mediaId)).filter(
    (m) =>
      m.verdict !== 'rejected' &&
      ALERTING_KINDS.has(m.kind) &&
      !(m.otherMediaId !== null && rejected.media.has(m.otherMediaId)) &&
      !(m.hashSetEntryId !== null && rejected.entries.has(m.hashSetEntryId)),
  );
  const wanted: AlertKey[] = [];

  // Series: of the media itself (an exact copy, no match row) and of every media it near-matched.
  const members = new Map<number, number | null>([[mediaId, null]]);
  for (const m of matches)
    if (m.otherMediaId !== null && !members.has(m.otherMediaId)) members.set(m.otherMediaId, m.id);
  for (const s of await targets.seriesOf([...members.keys()], agencyId)) {
    if (s.seriesAgencyId === agencyId) continue;
    const matchId = members.get(s.mediaId) ?? null;
    const about = { kind: 'series' as const, id: s.seriesId };
    if (s.hashesVisible) {
      const fromAgencyId = s.seriesVisible ? s.seriesAgencyId : null;
      wanted.push({ agencyId, reason: 'series_match', about, matchId, fromAgencyId });
    }
    wanted.push({
      agencyId: s.seriesAgencyId,
      reason: 'series_found_elsewhere',
      about,
      matchId,
      fromAgencyId: agencyId,
    });
  }

  // Hash sets: entries matched by a digest or by PDQ (only entries the uploader may see match).
  const byEntry = new Map<number, number>();
  for (const m of matches) if (m.hashSetEntryId !== null) byEntry.set(m.hashSetEntryId, m.id);
  for (const e of await targets.entrySets([...byEntry.keys()], agencyId)) {
    if (e.hashSetAgencyId === agencyId || e.knownGood) continue;
    const matchId = byEntry.get(e.entryId) ?? null;
    const about = { kind: 'hash_set' as const, id: e.hashSetId };
    const fromAgencyId = e.setVisible ? e.hashSetAgencyId : null;
    wanted.push({ agencyId, reason: 'hash_set_match', about, matchId, fromAgencyId });
    wanted.push({
      agencyId: e.hashSetAgencyId,
      reason: 'hash_set_found_elsewhere',
      about,
      matchId,
      fromAgencyId: agencyId,
    });
  }

  const alerts = new AlertRepository(trx, now);
  const seen = new Set<string>();
  let raised = 0;
  for (const key of wanted) {
    const id = JSON.stringify(key);
    if (seen.has(id)) continue;
    seen.add(id);
    if (await targets.alerted(key)) continue;
    await alerts.create(key);
    raised++;
  }
  return raised;
}
