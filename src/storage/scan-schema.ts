/**
 * The table of migration 0006_scan as Kysely sees them (merged into VigilSchema by schema.ts):
 * one row per file a scan has finished with, written in the same transaction as the file's media,
 * signals, sighting and matches. A file is done exactly when its row exists, which is what lets a
 * killed scan resume without losing or repeating a file.
 */
import type { Generated } from 'kysely';

export interface ScanFileTable {
  id: Generated<number>;
  exhibit_id: number;
  agency_id: number;
  /** The file's path inside the exhibit (archive members as `a.zip!/b.jpg`). */
  path: string;
  status: string;
  /** JSON array of human-readable reasons. */
  reasons: string;
  /** The media, when the file could be identified. */
  media_id: number | null;
  sha256: string | null;
  size: number | null;
  scanned_at: number;
  /** Migration 0019: JSON array of the file's matches (ingest/file-match.ts); null before it. */
  matches: string | null;
}

/** Migration 0009: a media's thumbnail in the thumbnails blob store. */
export interface MediaThumbnailTable {
  media_id: number;
  blob_sha256: string;
  mime: string;
  width: number;
  height: number;
}

/** Migration 0015: a video's vPDQ frame list, facts and stills. */
export interface MediaVideoTable {
  media_id: number;
  container: string;
  codec: string;
  width: number;
  height: number;
  frame_rate: number;
  duration_seconds: number | null;
  has_audio: number;
  frames: number;
  vpdq: string;
  stills: string;
  created_at: number;
}

/** Migration 0016: an agency's own category for a media item. */
export interface MediaCategoryTable {
  agency_id: number;
  media_id: number;
  category_value_id: number;
  set_by: number | null;
  set_at: number;
}

export interface ScanSchema {
  scan_files: ScanFileTable;
  media_thumbnails: MediaThumbnailTable;
  media_videos: MediaVideoTable;
  media_categories: MediaCategoryTable;
}
