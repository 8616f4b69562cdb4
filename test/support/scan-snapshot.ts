/**
 * What a scan left in a database, in a form two databases can be compared by: every row of the
 * tables a scan writes, ids replaced by what they stand for (a media by its SHA-256), times of
 * writing dropped, sorted. Used by the kill -9 resume test and bench:resume.
 */
import { createDatabase } from '../../src/storage/database.js';

export const SNAPSHOT_TABLES = ['media', 'signals', 'sightings', 'matches', 'scan_files'] as const;
export type ScanSnapshot = Record<(typeof SNAPSHOT_TABLES)[number], string[]>;

export async function scanSnapshot(sqliteFile: string): Promise<ScanSnapshot> {
  const database = await createDatabase({ dialect: 'sqlite', file: sqliteFile });
  try {
    const { db } = database;
    const media = await db.selectFrom('media').selectAll().execute();
    const sha = new Map(media.map((m) => [m.id, m.sha256]));
    const of = (id: number | null) => (id === null ? null : (sha.get(id) ?? `missing media ${id}`));
    const rows = <T>(list: T[], f: (r: T) => unknown[]) => list.map((r) => JSON.stringify(f(r))).sort();
    return {
      media: rows(media, (m) => [m.sha256, m.md5, m.sha1, m.size, m.mime, m.width, m.height, m.duration_ms]),
      signals: rows(await db.selectFrom('signals').selectAll().execute(), (s) => [
        of(s.media_id),
        s.type,
        s.value,
        s.quality,
      ]),
      sightings: rows(await db.selectFrom('sightings').selectAll().execute(), (s) => [
        of(s.media_id),
        s.exhibit_id,
        s.path,
        s.file_modified_at,
      ]),
      matches: rows(await db.selectFrom('matches').selectAll().execute(), (m) => [
        of(m.media_id),
        of(m.other_media_id),
        m.hash_set_entry_id,
        m.kind,
        m.distance,
        m.verdict,
      ]),
      scan_files: rows(await db.selectFrom('scan_files').selectAll().execute(), (f) => [
        f.exhibit_id,
        f.path,
        f.status,
        // libvips words a decode failure differently from run to run: only the fact is compared.
        f.reasons.replace(/decode failed: [^"]*/g, 'decode failed'),
        of(f.media_id),
        f.sha256,
        f.size,
        // What it matched, targets by SHA-256 too.
        (JSON.parse(f.matches ?? '[]') as { mediaId: number | null }[]).map((m) => ({ ...m, mediaId: of(m.mediaId) })),
      ]),
    };
  } finally {
    await database.destroy();
  }
}

/** Rows present more than once (a file counted twice). */
export function duplicates(rows: string[]): string[] {
  return rows.filter((r, i) => i > 0 && rows[i - 1] === r);
}
