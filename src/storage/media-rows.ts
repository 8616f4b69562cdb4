/**
 * What the media repository takes and gives: inputs for new media, signals and sightings, and the
 * mapping from rows (snake_case) to records (camelCase).
 */
import type { Insertable, Selectable } from 'kysely';
import type { CameraInfo, Media, Sighting, Signal } from '../domain/media.record.js';
import type { MediaMetadataTable, MediaTable, SightingTable, SignalTable } from './schema.js';

/** Hash values lower-case hex, already normalised by the caller. */
export interface NewMedia {
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  mime?: string | null;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
}

export interface NewSignal {
  type: string;
  value: string;
  quality?: number | null;
}

export interface NewMediaWithSignals extends NewMedia {
  signals?: readonly NewSignal[];
}

export interface NewSighting {
  mediaId: number;
  exhibitId: number;
  path: string;
  fileCreatedAt?: number | null;
  fileModifiedAt?: number | null;
  fileAccessedAt?: number | null;
  seenAt?: number;
}

/** The three digests every media row carries. */
export type DigestKind = 'sha256' | 'md5' | 'sha1';
export const DIGEST_KINDS: readonly DigestKind[] = ['sha256', 'md5', 'sha1'];

export function mediaRow(m: NewMedia, createdAt: number): Insertable<MediaTable> {
  return {
    sha256: m.sha256,
    md5: m.md5,
    sha1: m.sha1,
    size: m.size,
    mime: m.mime ?? null,
    width: m.width ?? null,
    height: m.height ?? null,
    duration_ms: m.durationMs ?? null,
    created_at: createdAt,
  };
}

export function toMedia(row: Selectable<MediaTable>): Media {
  return {
    id: row.id,
    sha256: row.sha256,
    md5: row.md5,
    sha1: row.sha1,
    size: row.size,
    mime: row.mime,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    createdAt: row.created_at,
  };
}

export function toSignal(row: Selectable<SignalTable>): Signal {
  return { id: row.id, mediaId: row.media_id, type: row.type, value: row.value, quality: row.quality };
}

export function toCamera(row: Selectable<MediaMetadataTable>): CameraInfo {
  return { make: row.camera_make, model: row.camera_model, serial: row.camera_serial, takenAt: row.taken_at };
}

export function toSighting(row: Selectable<SightingTable>): Sighting {
  return {
    id: row.id,
    mediaId: row.media_id,
    exhibitId: row.exhibit_id,
    agencyId: row.agency_id,
    path: row.path,
    fileCreatedAt: row.file_created_at,
    fileModifiedAt: row.file_modified_at,
    fileAccessedAt: row.file_accessed_at,
    seenAt: row.seen_at,
  };
}
