/**
 * One file through the scan (DESIGN.md §5): digests in one read → known by SHA-256? (then no
 * decode) → a picture is decoded once for PDQ and its rotations, a video hashed once for vPDQ
 * (scan-video.ts) → exact, near and video matches → triage → media, signals, sighting, matches
 * and the scan row in ONE transaction (scan-store.ts). Each step's failure marks the file with a
 * reason; nothing here throws for a bad file.
 */

import { tmpdir } from 'node:os';
import { publicReason } from '../domain/public-reason.js';
import { SNIFF_BYTES, sniffFileType } from '../media/file-type.js';
import { readHead } from '../media/image-decoder.js';
import { EMPTY_METADATA } from '../media/media-metadata.js';
import { readMetadata } from '../media/metadata.js';
import { mayHoldMetadata } from '../media/metadata-presence.js';
import { describeFailure } from '../services/file-hasher.js';
import { digestBuffer, type FileDigests } from '../signals/crypto/file-digests.js';
import { HashSetEntryRepository } from '../storage/hash-set-entry.repository.js';
import type { NewMatch } from '../storage/match.repository.js';
import { MediaRepository } from '../storage/media.repository.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import { runDecodeTask } from './decode-task.js';
import { addCategories, fileMatchesOf } from './file-matches.js';
import type { NearFinding } from './known-material.js';
import type { VideoHit } from './known-videos.js';
import { hashListed, type PinnedFile, pinListed, readListed } from './listed-file.js';
import { type FileStamp, sameBytes, sameFile } from './read-pool.js';
import { base, type NewContent, store, storeThumbnail } from './scan-store.js';
import type { FileOutcome, NearSource, PreparedFile, ScanInputFile, ScanTarget } from './scan-types.js';
import { prepareVideo, storeVideoStills, videoFindings } from './scan-video.js';
import { type CameraHit, type ExactHit, type FileStatus, triage } from './triage.js';

export type {
  FileOutcome,
  NearSource,
  PreparedFile,
  ScanInputFile,
  ScanTarget,
  StoredFile,
} from './scan-types.js';

const HASHES = ['sha256', 'sha1', 'md5'] as const;
/** Media of the same camera linked as matches per file (the reason counts them all). */
const MAX_SERIAL_MATCHES = 20;

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
  let stamp: FileStamp | undefined;
  try {
    // A file from a folder listing is read only if it is still the file listed (listed-file.ts).
    if (target.reader) {
      const read = await (file.data ? target.reader.digest(file.data) : target.reader.read(file.path, file.listed));
      data = file.data;
      stamp = read.stamp;
      prepared = { file, size: read.size, digests: read.digests };
    } else {
      let digested: FileDigests | undefined;
      if (file.data) data = file.data;
      else ({ data, digests: digested, stamp } = await hashListed(file.path, file.listed, SCAN_SINGLE_READ_LIMIT));
      const { size, ...digests } = data ? digestBuffer(data) : (digested as FileDigests);
      prepared = { file, size, digests };
    }
  } catch (cause) {
    return { file, readError: describeFailure(cause).message };
  }
  const existing = await new MediaRepository(target.db, target.dialect).findBySha256(prepared.digests?.sha256 ?? '');
  if (existing) return { ...prepared, existing };
  if (!data && target.reader && (prepared.size ?? 0) <= SCAN_SINGLE_READ_LIMIT) {
    // New, so its bytes are wanted after all (the read thread kept them): read again, proven the same.
    try {
      data = await readListed(file.path, file.listed);
      sameBytes(data, prepared.digests?.sha256 ?? '');
    } catch (cause) {
      return { file, readError: describeFailure(cause).message };
    }
  }
  // Tools that take a path (ExifTool; sharp and ffmpeg when too large to hold) get one that reaches
  // the listed file itself, not whatever its name holds by the time they read.
  let pin: PinnedFile | undefined;
  try {
    if (!file.data) pin = await pinListed(file.path, file.listed);
  } catch (cause) {
    return { file, readError: describeFailure(cause).message };
  }
  let decoded: PreparedFile;
  try {
    decoded = await decodeFile(target, prepared, data, pin?.path ?? file.path);
  } finally {
    await pin?.release();
  }
  if (pin) for (const key of TOOL_ERRORS) if (decoded[key]) decoded[key] = pin.named(decoded[key]);
  // And what they read must still be the file hashed (not written to since).
  if (stamp) {
    try {
      await sameFile(file.path, stamp, file.listed);
    } catch (cause) {
      return { file, readError: describeFailure(cause).message };
    }
  }
  return decoded;
}

/** Errors a tool may word with the path it was given. */
const TOOL_ERRORS = ['decodeError', 'metadataError', 'videoError'] as const;

/** The picture or video decode of a file read and hashed (its bytes, or from disk at `at` when large). */
async function decodeFile(
  target: ScanTarget,
  prepared: PreparedFile,
  data: Buffer | undefined,
  at: string,
): Promise<PreparedFile> {
  const { file } = prepared;
  const head = data ? data.subarray(0, SNIFF_BYTES) : await readHead(at);
  const type = sniffFileType(head);
  if (type.kind === 'video') {
    const options = { thumbnails: target.thumbnails !== undefined, tempDir: target.tempDir };
    return { ...prepared, mime: type.mime, ...(await prepareVideo(at, data, options)) };
  }
  if (type.kind !== 'image') return prepared;
  const input = data ?? at;
  // ExifTool runs in its own process, so metadata is read while this thread hashes the pixels. A
  // file on disk is given by its path (ExifTool reads only the parts holding metadata); bytes held
  // in memory (an archive member) go through a private temporary file.
  // A picture whose structure holds no EXIF, XMP or IPTC block (most pictures saved from the web)
  // has nothing ExifTool would report: it is not asked.
  const metadata =
    data && !mayHoldMetadata(data)
      ? undefined
      : readMetadata(file.data ?? at).then(
          (m) => {
            prepared.metadata = m;
          },
          (cause) => {
            prepared.metadataError = describeFailure(cause).message;
          },
        );
  const task = { input, thumbnail: target.thumbnails !== undefined };
  Object.assign(prepared, await (target.decoder ? target.decoder.decode(task) : runDecodeTask(task)));
  if (metadata) await metadata;
  else {
    const size = prepared.decoded?.image;
    prepared.metadata = { ...EMPTY_METADATA, width: size?.width ?? null, height: size?.height ?? null };
  }
  return prepared;
}

/** Matches, sorts and stores a prepared file, in scan order (one at a time). */
export async function finishFile(target: ScanTarget, known: NearSource, prepared: PreparedFile): Promise<FileOutcome> {
  const { db, agencyId, exhibitId } = target;
  const { file, digests } = prepared;
  const scans = new ScanFileRepository(db);
  const outcome: FileOutcome = { path: file.logicalPath, status: 'error', reasons: [], size: prepared.size };
  const told = tellable(target);
  if (!digests) {
    const t = triage({
      identified: false,
      failure: { step: 'read', message: told(prepared.readError ?? 'unreadable') },
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
      const t = {
        status: first.status as FileStatus,
        reasons: [`same content as ${first.path}`, ...first.reasons],
        matches: first.matches,
      };
      return store(target, file, outcome, t, existing.id, undefined, []);
    }
  }
  const entries = new HashSetEntryRepository(db, target.dialect);
  for (const hash of HASHES) {
    for (const hit of await entries.findByHash(hash, digests[hash], agencyId)) {
      const source = {
        kind: 'hash-set',
        name: hit.hashSetName,
        ignorable: hit.knownGood,
        entryId: hit.entry.id,
      } as const;
      exact.push({ source, hash });
      matches.push({ agencyId, mediaId: -1, target: { hashSetEntryId: hit.entry.id }, kind: 'exact' });
    }
  }
  const decoded = existing ? undefined : prepared.decoded;
  const failure = existing ? undefined : failureOf(prepared, told);
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
  const video = existing ? undefined : prepared.video;
  let videos: VideoHit[] = [];
  if (video) {
    const found = await videoFindings(target.videos, agencyId, video);
    videos = found.hits;
    matches.push(...found.matches);
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
  await addCategories(db, agencyId, [...exact, ...near]);
  const notes = existing ? [] : notesOf(prepared).map(told);
  const found = fileMatchesOf({ exact, near, videos, camera }, MAX_SERIAL_MATCHES);
  const t = {
    ...triage({ identified: true, failure, exact, near, videos: videos.map(videoNear), camera, notes }),
    matches: found,
  };
  const stills = video ? await storeVideoStills(target.thumbnails, video) : undefined;
  const content: NewContent = {
    pdq: decoded?.pdq,
    image: decoded?.image,
    video,
    mime: prepared.mime,
    stills: stills?.stills,
    size: prepared.size ?? 0,
    digests,
    metadata: existing ? undefined : prepared.metadata,
    thumbnail:
      existing || !target.thumbnails || !prepared.thumbnail
        ? stills?.poster
        : await storeThumbnail(target.thumbnails, prepared.thumbnail),
  };
  return store(target, file, outcome, t, existing?.id, content, matches);
}

/**
 * A file's failure or note as stored for its readers (scan results, the hub's API): the cause
 * stays, the temp folders the file passed through (and tool output past a short cause) do not.
 */
function tellable(target: ScanTarget): (text: string) => string {
  const dirs = [tmpdir(), ...(target.tempDir ? [target.tempDir] : [])];
  return (text) => publicReason(text, dirs);
}

function failureOf(
  prepared: PreparedFile,
  told: (text: string) => string,
): { step: string; message: string } | undefined {
  if (prepared.decodeError) return { step: 'decode', message: told(prepared.decodeError) };
  if (prepared.videoError) return { step: 'video', message: told(prepared.videoError) };
  return undefined;
}

/** What went wrong beside the sorting: metadata not read, damage ffmpeg decoded around. */
function notesOf(prepared: PreparedFile): string[] {
  const notes: string[] = [];
  if (prepared.metadataError) notes.push(`metadata failed: ${prepared.metadataError}`);
  const warnings = prepared.video?.warnings ?? [];
  if (warnings.length > 0) {
    const n = warnings.length;
    notes.push(
      `video damaged: ffmpeg decoded around ${n} problem${n === 1 ? '' : 's'}: ${warnings.slice(0, 3).join('; ')}`,
    );
  }
  return notes;
}

function videoNear(h: VideoHit) {
  const first = h.comparedRanges[0];
  return { ...h, comparedRange: first ? { start: first.start, end: first.end } : undefined };
}
