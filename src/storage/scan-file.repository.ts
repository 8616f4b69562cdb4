/**
 * Scan progress and per-file outcomes (scan-schema.ts). `record` runs inside the transaction that
 * stores the file's media, so a file is either fully stored and recorded, or neither.
 */
import type { Kysely, Selectable } from 'kysely';
import { type FileMatch, parseFileMatches } from '../domain/file-match.record.js';
import type { ScanFileTable } from './scan-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface ScanFileRecord {
  exhibitId: number;
  agencyId: number;
  path: string;
  status: string;
  reasons: string[];
  mediaId: number | null;
  sha256: string | null;
  size: number | null;
  scannedAt: number;
  /** What the file matched when it was sorted (empty when nothing, or on rows from before migration 0019). */
  matches?: FileMatch[];
}

function toRecord(row: Selectable<ScanFileTable>): ScanFileRecord {
  return {
    exhibitId: row.exhibit_id,
    agencyId: row.agency_id,
    path: row.path,
    status: row.status,
    reasons: JSON.parse(row.reasons) as string[],
    mediaId: row.media_id,
    sha256: row.sha256,
    size: row.size,
    scannedAt: row.scanned_at,
    matches: parseFileMatches(row.matches),
  };
}

/** A finished file with its media's digests and PDQ, for reports. */
export interface ScanFileDetail extends ScanFileRecord {
  md5: string | null;
  sha1: string | null;
  mime: string | null;
  pdq: string | null;
  quality: number | null;
  /** The thumbnail's blob (SHA-256 of its bytes) and type, when one was made. */
  thumbnail: { sha256: string; mime: string } | null;
  /** A video's stills (blobs in the thumbnails store), in time order; empty for anything else. */
  stills: { sha256: string; mime: string; timestamp: number }[];
  /** A video's facts (media_videos), null for anything else. */
  video: { container: string; codec: string; durationSeconds: number | null; frameRate: number } | null;
}

export class ScanFileRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Records a finished file; `conflict` when the exhibit already has this path. */
  record(r: ScanFileRecord): Promise<void> {
    return withAppErrors('Recording a scanned file', async () => {
      await this.db
        .insertInto('scan_files')
        .values({
          exhibit_id: r.exhibitId,
          agency_id: r.agencyId,
          path: r.path,
          status: r.status,
          reasons: JSON.stringify(r.reasons),
          media_id: r.mediaId,
          sha256: r.sha256,
          size: r.size,
          scanned_at: r.scannedAt,
          matches: r.matches && r.matches.length > 0 ? JSON.stringify(r.matches) : null,
        })
        .execute();
    });
  }

  /** The exhibit's finished file at this path, if it is finished (an upload's retried job). */
  async find(exhibitId: number, path: string): Promise<ScanFileRecord | null> {
    const row = await this.db
      .selectFrom('scan_files')
      .selectAll()
      .where('exhibit_id', '=', exhibitId)
      .where('path', '=', path)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Paths of the exhibit already finished (what a resumed scan skips). */
  async donePaths(exhibitId: number): Promise<Set<string>> {
    const rows = await this.db.selectFrom('scan_files').select('path').where('exhibit_id', '=', exhibitId).execute();
    return new Set(rows.map((r) => r.path));
  }

  /** The first finished file of the exhibit with this content, if any (the same file seen twice). */
  async firstWithSha256(exhibitId: number, sha256: string): Promise<ScanFileRecord | null> {
    const row = await this.db
      .selectFrom('scan_files')
      .selectAll()
      .where('exhibit_id', '=', exhibitId)
      .where('sha256', '=', sha256)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Every finished file of the exhibit, in the order they finished. */
  async list(exhibitId: number): Promise<ScanFileRecord[]> {
    const rows = await this.db
      .selectFrom('scan_files')
      .selectAll()
      .where('exhibit_id', '=', exhibitId)
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  /** Every finished file with its media's digests and PDQ, in the order they finished. */
  async listDetailed(exhibitId: number): Promise<ScanFileDetail[]> {
    const rows = await this.db
      .selectFrom('scan_files')
      .leftJoin('media', 'media.id', 'scan_files.media_id')
      .leftJoin('signals', (join) =>
        join.onRef('signals.media_id', '=', 'scan_files.media_id').on('signals.type', '=', 'pdq'),
      )
      .leftJoin('media_thumbnails', 'media_thumbnails.media_id', 'scan_files.media_id')
      .leftJoin('media_videos', 'media_videos.media_id', 'scan_files.media_id')
      .selectAll('scan_files')
      .select([
        'media.md5',
        'media.sha1',
        'media.mime',
        'signals.value as pdq',
        'signals.quality',
        'media_thumbnails.blob_sha256 as thumb_sha256',
        'media_thumbnails.mime as thumb_mime',
        'media_videos.stills',
        'media_videos.container',
        'media_videos.codec',
        'media_videos.duration_seconds',
        'media_videos.frame_rate',
      ])
      .where('scan_files.exhibit_id', '=', exhibitId)
      .orderBy('scan_files.id')
      .execute();
    return rows.map((r) => ({
      ...toRecord(r),
      md5: r.md5,
      sha1: r.sha1,
      mime: r.mime,
      pdq: r.pdq,
      quality: r.quality,
      thumbnail: r.thumb_sha256 && r.thumb_mime ? { sha256: r.thumb_sha256, mime: r.thumb_mime } : null,
      stills: r.stills ? stillsOf(r.stills) : [],
      video:
        r.container !== null && r.codec !== null && r.frame_rate !== null
          ? { container: r.container, codec: r.codec, durationSeconds: r.duration_seconds, frameRate: r.frame_rate }
          : null,
    }));
  }

  async countByStatus(exhibitId: number): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('scan_files')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('exhibit_id', '=', exhibitId)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}

function stillsOf(json: string): ScanFileDetail['stills'] {
  return (JSON.parse(json) as { blobSha256: string; mime: string; timestamp: number }[]).map((s) => ({
    sha256: s.blobSha256,
    mime: s.mime,
    timestamp: s.timestamp,
  }));
}
