/**
 * One file through the scan (DESIGN.md §5): digests in one read → known by SHA-256? (then no
 * decode) → decode once for PDQ and its rotations → exact and near matches → triage → media,
 * signals, sighting, matches and the scan row in ONE transaction. Each step's failure marks the
 * file with a reason; nothing here throws for a bad file.
 */
import type { Kysely } from 'kysely';
import { sniffFileType } from '../media/file-type.js';
import { readHead } from '../media/image-decoder.js';
import { hashFile } from '../services/file-hasher.js';
import type { DialectName } from '../storage/dialect-name.js';
import { HashSetEntryRepository } from '../storage/hash-set-entry.repository.js';
import { MatchRepository, type NewMatch } from '../storage/match.repository.js';
import { MediaRepository } from '../storage/media.repository.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import type { KnownMaterial, NearFinding } from './known-material.js';
import { type ExactHit, type FileStatus, triage } from './triage.js';

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
}

export interface ScanInputFile {
  /** Where to read it now. */
  path: string;
  /** Its path inside the exhibit, the key a resumed scan skips by. */
  logicalPath: string;
  modifiedAt?: number | null;
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

export async function scanFile(target: ScanTarget, known: KnownMaterial, file: ScanInputFile): Promise<FileOutcome> {
  const { db, agencyId, exhibitId } = target;
  const read = await hashFile(file.path, { digests: true, pdq: false });
  const scans = new ScanFileRepository(db);
  const outcome: FileOutcome = { path: file.logicalPath, status: 'error', reasons: [] };
  if (!read.digests || read.error) {
    const t = triage({
      identified: false,
      failure: { step: 'read', message: read.error?.message ?? 'unreadable' },
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
      size: read.size ?? null,
    });
    return outcome;
  }
  const digests = read.digests;
  Object.assign(outcome, { size: read.size, sha256: digests.sha256, md5: digests.md5, sha1: digests.sha1 });

  const media = new MediaRepository(db, target.dialect);
  const existing = await media.findBySha256(digests.sha256);
  const exact: ExactHit[] = [];
  const matches: NewMatch[] = [];
  if (existing && existing.createdAt < target.startedAt) {
    exact.push({ source: { kind: 'media', mediaId: existing.id }, hash: 'sha256' });
    matches.push({ agencyId, mediaId: existing.id, target: { otherMediaId: existing.id }, kind: 'exact' });
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
      exact.push({ source: { kind: 'hash-set', name: hit.hashSetName, ignorable: false }, hash });
      matches.push({ agencyId, mediaId: -1, target: { hashSetEntryId: hit.entry.id }, kind: 'exact' });
    }
  }

  let near: NearFinding[] = [];
  let failure: { step: string; message: string } | undefined;
  let pdq: { hash: string; quality: number } | undefined;
  let image: { format: string; width: number; height: number } | undefined;
  const kind = sniffFileType(await readHead(file.path)).kind;
  if (kind === 'image' && (exact.length === 0 || !existing)) {
    const decoded = await hashFile(file.path, { pdq: true, dihedral: true });
    if (decoded.error) failure = { step: 'decode', message: decoded.error.message };
    else if (decoded.pdq) {
      pdq = { hash: decoded.pdq.hash, quality: decoded.pdq.quality };
      image = decoded.image;
      Object.assign(outcome, { pdq: pdq.hash, quality: pdq.quality });
      if (exact.length === 0 && pdq.quality >= target.minQuality && decoded.pdq.dihedral) {
        near = known.near(decoded.pdq.dihedral, target.threshold);
      }
    }
  }
  for (const n of near) {
    const t = n.source.kind === 'media' ? { otherMediaId: n.targetId } : { hashSetEntryId: n.targetId };
    matches.push({ agencyId, mediaId: -1, target: t, kind: 'pdq', distance: n.distance });
  }
  const t = triage({ identified: true, failure, exact, near, camera: [] });
  return store(target, file, outcome, t, existing?.id, { pdq, image, size: read.size ?? 0, digests }, matches);
}

function base(target: ScanTarget, file: ScanInputFile) {
  return { exhibitId: target.exhibitId, agencyId: target.agencyId, path: file.logicalPath, scannedAt: Date.now() };
}

interface NewContent {
  pdq?: { hash: string; quality: number };
  image?: { format: string; width: number; height: number };
  size: number;
  digests: { sha256: string; md5: string; sha1: string };
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
    return id;
  });
  return Object.assign(outcome, t, { mediaId });
}
