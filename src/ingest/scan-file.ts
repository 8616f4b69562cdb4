/**
 * One file through the scan (DESIGN.md §5): digests in one read → known by SHA-256? (then no
 * decode) → decode once for PDQ and its rotations → exact and near matches → triage → media,
 * signals, sighting, matches and the scan row in ONE transaction. Each step's failure marks the
 * file with a reason; nothing here throws for a bad file.
 */

import { readFile, stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { Media } from '../domain/media.record.js';
import { SNIFF_BYTES, sniffFileType } from '../media/file-type.js';
import { decodeImage, readHead } from '../media/image-decoder.js';
import { type MediaMetadata, readMetadata } from '../media/metadata.js';
import { makeThumbnail, type Thumbnail } from '../media/thumbnail.js';
import { describeFailure } from '../services/file-hasher.js';
import { digestBuffer, digestFile } from '../signals/crypto/file-digests.js';
import type { DihedralName } from '../signals/pdq/dihedral.js';
import { pdqFromPixels } from '../signals/pdq/pdq-image.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { DialectName } from '../storage/dialect-name.js';
import { HashSetEntryRepository } from '../storage/hash-set-entry.repository.js';
import { MatchRepository, type NewMatch } from '../storage/match.repository.js';
import { MediaRepository } from '../storage/media.repository.js';
import { MediaMetadataRepository } from '../storage/media-metadata.repository.js';
import { MediaThumbnailRepository, type ThumbnailRef } from '../storage/media-thumbnail.repository.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import type { KnownMaterial, NearFinding } from './known-material.js';
import { type CameraHit, type ExactHit, type FileStatus, triage } from './triage.js';

export interface ScanTarget {
  db: Kysely<VigilSchema>;
  dialect: DialectName;
  agencyId: number;
  exhibitId: number;
  /** Media created before this instant were known before the scan. */
  startedAt: number;
  /** Largest PDQ distance reported as a near-duplicate (default 31). */
  threshold: number;
  /** PDQ below this quality is stored but not matched (default 50). */
  minQuality: number;
  /** Where thumbnails go (encrypted); none made without it. */
  thumbnails?: BlobStore;
  /** More writes in the file's transaction once it is stored (the hub's alerts and audit event). */
  onStored?(trx: Kysely<VigilSchema>, stored: StoredFile): Promise<void>;
}

/** What a file's transaction has written when `onStored` runs. */
export interface StoredFile {
  mediaId: number;
  /** The media row was created by this file (not known before). */
  created: boolean;
  status: FileStatus;
}

/** Near-duplicate candidates of a picture: KnownMaterial, or the hub's live index. */
export type NearSource = Pick<KnownMaterial, 'near'>;

export interface ScanInputFile {
  /** Where to read it now. */
  path: string;
  /** The file's bytes when they are in memory already (an upload read from the blob store): `path` is then not read. */
  data?: Buffer;
  /** Its path inside the exhibit, the key a resumed scan skips by. */
  logicalPath: string;
  modifiedAt?: number | null;
  /** Set when the source could not hand the file out (recorded as an error with this reason). */
  failure?: string;
  /** Called once the scan is done with the file (frees an archive entry's temp copy). */
  release?(): Promise<void>;
}

export interface FileOutcome {
  path: string;
  status: FileStatus;
  reasons: string[];
  size?: number;
  sha256?: string;
  md5?: string;
  sha1?: string;
  pdq?: string;
  quality?: number;
  mediaId?: number;
}

const HASHES = ['sha256', 'sha1', 'md5'] as const;
/** Media of the same camera linked as matches per file (the reason counts them all). */
const MAX_SERIAL_MATCHES = 20;

/** What the heavy, parallel part of a file's scan found (no database writes). */
export interface PreparedFile {
  file: ScanInputFile;
  size?: number;
  digests?: { sha256: string; md5: string; sha1: string };
  /** The media with this SHA-256, when it was already stored as the file was read. */
  existing?: Media;
  readError?: string;
  decoded?: {
    pdq: { hash: string; quality: number };
    dihedral?: Record<DihedralName, string>;
    image?: { format: string; width: number; height: number };
  };
  decodeError?: string;
  metadata?: MediaMetadata;
  metadataError?: string;
  thumbnail?: Thumbnail;
}

/** Files up to this size are read into memory once for digests and decode; larger ones stream. */
export const SCAN_SINGLE_READ_LIMIT = 32 * 1024 * 1024;

/**
 * Reads the file once for its digests and, unless its SHA-256 is already stored, decodes those
 * same bytes once for PDQ and its rotations. Safe to run for several files at once.
 */
export async function prepareFile(target: ScanTarget, file: ScanInputFile): Promise<PreparedFile> {
  if (file.failure) return { file, readError: file.failure };
  let data: Buffer | undefined;
  let prepared: PreparedFile;
  try {
    if (file.data) data = file.data;
    else {
      const info = await stat(file.path);
      if (!info.isFile()) throw new AppError('unreadable-file', 'Not a regular file.');
      if (info.size <= SCAN_SINGLE_READ_LIMIT) data = await readFile(file.path);
    }
    const { size, ...digests } = data ? digestBuffer(data) : await digestFile(file.path);
    prepared = { file, size, digests };
  } catch (cause) {
    return { file, readError: describeFailure(cause).message };
  }
  const existing = await new MediaRepository(target.db, target.dialect).findBySha256(prepared.digests?.sha256 ?? '');
  if (existing) return { ...prepared, existing };
  const head = data ? data.subarray(0, SNIFF_BYTES) : await readHead(file.path);
  if (sniffFileType(head).kind !== 'image') return prepared;
  const input = data ?? file.path;
  // ExifTool runs in its own process, so metadata is read while this thread hashes the pixels.
  const metadata = readMetadata(input).then(
    (m) => {
      prepared.metadata = m;
    },
    (cause) => {
      prepared.metadataError = describeFailure(cause).message;
    },
  );
  try {
    const img = await decodeImage(input);
    const h = pdqFromPixels(img, { dihedral: true });
    prepared.decoded = {
      pdq: { hash: h.hash, quality: h.quality },
      dihedral: h.dihedral,
      image: { format: img.type.format, width: img.sourceWidth, height: img.sourceHeight },
    };
    if (target.thumbnails) prepared.thumbnail = await makeThumbnail(img);
  } catch (cause) {
    prepared.decodeError = describeFailure(cause).message;
  }
  await metadata;
  return prepared;
}

/** Matches, sorts and stores a prepared file, in scan order (one at a time). */
export async function finishFile(target: ScanTarget, known: NearSource, prepared: PreparedFile): Promise<FileOutcome> {
  const { db, agencyId, exhibitId } = target;
  const { file, digests } = prepared;
  const scans = new ScanFileRepository(db);
  const outcome: FileOutcome = { path: file.logicalPath, status: 'error', reasons: [], size: prepared.size };
  if (!digests) {
    const t = triage({
      identified: false,
      failure: { step: 'read', message: prepared.readError ?? 'unreadable' },
      exact: [],
      near: [],
      camera: [],
    });
    Object.assign(outcome, t);
    await scans.record({
      ...base(target, file),
      status: t.status,
      reasons: t.reasons,
      mediaId: null,
      sha256: null,
      size: prepared.size ?? null,
    });
    return outcome;
  }
  Object.assign(outcome, { sha256: digests.sha256, md5: digests.md5, sha1: digests.sha1 });

  const media = new MediaRepository(db, target.dialect);
  // Media are never deleted, so one found while preparing stands; otherwise an earlier file of this
  // scan may have stored the same content since.
  const existing = prepared.existing ?? (await media.findBySha256(digests.sha256));
  const exact: ExactHit[] = [];
  const matches: NewMatch[] = [];
  if (existing && existing.createdAt < target.startedAt) {
    exact.push({ source: { kind: 'media', mediaId: existing.id }, hash: 'sha256' });
  } else if (existing) {
    // Seen earlier in this same scan: same content, same verdict.
    const first = await scans.firstWithSha256(exhibitId, digests.sha256);
    if (first) {
      const t = { status: first.status as FileStatus, reasons: [`same content as ${first.path}`, ...first.reasons] };
      return store(target, file, outcome, t, existing.id, undefined, []);
    }
  }
  const entries = new HashSetEntryRepository(db, target.dialect);
  for (const hash of HASHES) {
    for (const hit of await entries.findByHash(hash, digests[hash], agencyId)) {
      exact.push({ source: { kind: 'hash-set', name: hit.hashSetName, ignorable: hit.knownGood }, hash });
      matches.push({ agencyId, mediaId: -1, target: { hashSetEntryId: hit.entry.id }, kind: 'exact' });
    }
  }
  const decoded = existing ? undefined : prepared.decoded;
  const failure = !existing && prepared.decodeError ? { step: 'decode', message: prepared.decodeError } : undefined;
  let near: NearFinding[] = [];
  if (decoded) {
    Object.assign(outcome, { pdq: decoded.pdq.hash, quality: decoded.pdq.quality });
    if (exact.length === 0 && decoded.pdq.quality >= target.minQuality && decoded.dihedral) {
      near = known.near(decoded.dihedral, target.threshold);
    }
  }
  for (const n of near) {
    const t = n.source.kind === 'media' ? { otherMediaId: n.targetId } : { hashSetEntryId: n.targetId };
    matches.push({ agencyId, mediaId: -1, target: t, kind: 'pdq', distance: n.distance });
  }
  const camera: CameraHit[] = [];
  const serial = existing ? null : prepared.metadata?.cameraSerial;
  if (serial) {
    const before = (await media.findByCameraSerial(serial)).filter((m) => m.createdAt < target.startedAt);
    if (before.length > 0) camera.push({ serial, mediaIds: before.map((m) => m.id) });
    for (const m of before.slice(0, MAX_SERIAL_MATCHES)) {
      matches.push({ agencyId, mediaId: -1, target: { otherMediaId: m.id }, kind: 'serial' });
    }
  }
  const t = triage({ identified: true, failure, exact, near, camera });
  const content = {
    pdq: decoded?.pdq,
    image: decoded?.image,
    size: prepared.size ?? 0,
    digests,
    metadata: existing ? undefined : prepared.metadata,
    thumbnail:
      existing || !target.thumbnails || !prepared.thumbnail
        ? undefined
        : await storeThumbnail(target.thumbnails, prepared.thumbnail),
  };
  return store(target, file, outcome, t, existing?.id, content, matches);
}

function base(target: ScanTarget, file: ScanInputFile) {
  return { exhibitId: target.exhibitId, agencyId: target.agencyId, path: file.logicalPath, scannedAt: Date.now() };
}

interface NewContent {
  pdq?: { hash: string; quality: number };
  image?: { format: string; width: number; height: number };
  size: number;
  digests: { sha256: string; md5: string; sha1: string };
  metadata?: MediaMetadata;
  thumbnail?: ThumbnailRef;
}

/** Media (unless known), signals, sighting, matches and the scan row, all or nothing. */
async function store(
  target: ScanTarget,
  file: ScanInputFile,
  outcome: FileOutcome,
  t: { status: FileStatus; reasons: string[] },
  existingId: number | undefined,
  content: NewContent | undefined,
  matches: NewMatch[],
): Promise<FileOutcome> {
  const mediaId = await target.db.transaction().execute(async (trx) => {
    const media = new MediaRepository(trx, target.dialect);
    let id = existingId;
    if (id === undefined && content) {
      const row = await media.insert({
        ...content.digests,
        size: content.size,
        mime: content.image ? `image/${content.image.format}` : null,
        width: content.image?.width ?? null,
        height: content.image?.height ?? null,
      });
      id = row.id;
    }
    if (id === undefined) throw new Error('scan: a stored file has neither existing nor new media');
    if (content?.pdq)
      await media.addSignals(id, [{ type: 'pdq', value: content.pdq.hash, quality: content.pdq.quality }]);
    if (content?.thumbnail) await new MediaThumbnailRepository(trx).set(id, content.thumbnail);
    if (content?.metadata) {
      const { width: _w, height: _h, ...stored } = content.metadata;
      await new MediaMetadataRepository(trx).set(id, stored);
    }
    await media.addSighting({
      mediaId: id,
      exhibitId: target.exhibitId,
      path: file.logicalPath,
      fileModifiedAt: file.modifiedAt ?? null,
    });
    const own = matches.map((m) => ({ ...m, mediaId: id as number })).filter((m) => m.target.otherMediaId !== id);
    await new MatchRepository(trx, target.dialect).createMany(own);
    await new ScanFileRepository(trx).record({
      ...base(target, file),
      status: t.status,
      reasons: t.reasons,
      mediaId: id,
      sha256: outcome.sha256 ?? null,
      size: outcome.size ?? null,
    });
    await target.onStored?.(trx, { mediaId: id, created: existingId === undefined, status: t.status });
    return id;
  });
  return Object.assign(outcome, t, { mediaId });
}

/** Blob first, row second: the thumbnail is stored (encrypted) before the media's transaction. */
async function storeThumbnail(store: BlobStore, thumb: Thumbnail): Promise<ThumbnailRef> {
  const { sha256 } = await store.put(thumb.bytes);
  return { blobSha256: sha256, mime: thumb.mime, width: thumb.width, height: thumb.height };
}
