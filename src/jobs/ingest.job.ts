/**
 * The `ingest` job: one uploaded file through the scan pipeline of issue #5 (prepareFile and
 * finishFile: digests, decode, PDQ and its rotations, metadata, thumbnail, exact / near / camera
 * matches, one transaction) as the uploading agency, reading the file back from the blob store.
 * The file's transaction also raises its alerts (ingest-alerts.ts) and appends an `ingest` audit
 * event for the uploader.
 *
 * Exactly once in effect: a file is stored when its scan row (unique per exhibit and path) is
 * committed, so a try that finds the row (an earlier try committed, then its worker died) returns
 * that outcome, and a try that loses the race to commit gets a conflict and does the same. A bad
 * file is not a failed job: the job is `done` and its result carries the file's status and reasons.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../domain/app-error.js';
import { KnownVideos, type VideoSource } from '../ingest/known-videos.js';
import { finishFile, prepareFile, type ScanInputFile, type ScanTarget } from '../ingest/scan-file.js';
import type { PdqIndexService } from '../services/pdq-index.service.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { BlobStores } from '../storage/blob-store.js';
import { CaseRepository } from '../storage/case.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { type IngestAlertInput, raiseIngestAlerts } from './ingest-alerts.js';
import { nearFromIndex } from './ingest-near.js';
import type { JobObject } from './job-queue.js';
import type { JobHandler } from './job-runner.js';
import { openUploadedFile } from './upload-source.js';

export const INGEST_JOB = 'ingest';

/** What the upload stored, for its job. */
export interface IngestPayload {
  exhibitId: number;
  /** The file's path in the exhibit (its sighting path); unique per exhibit. */
  path: string;
  /** Its position in the upload request. */
  index: number;
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
}

export interface IngestJobDeps {
  database: VigilDatabase;
  blobs: BlobStores;
  pdqIndex: PdqIndexService;
  audit: AuditRepository;
  /** Where files too large to read into memory are decrypted while they are ingested. */
  tempDir: string;
  /** Largest PDQ distance reported as a near-duplicate (default 31). */
  threshold?: number;
  /** PDQ below this quality is stored but not matched (default 50). */
  minQuality?: number;
  now?: () => number;
  /** Known videos uploads are matched against (default: one index of every stored video, topped up per file). */
  videos?: VideoSource;
  /** Raises a stored file's alerts in its transaction; returns how many (default raiseIngestAlerts). */
  alerts?: (trx: Kysely<VigilSchema>, input: IngestAlertInput, now: () => number) => Promise<number>;
}

function payloadOf(raw: JobObject): IngestPayload {
  const p = raw as unknown as IngestPayload;
  const ok =
    Number.isInteger(p.exhibitId) &&
    typeof p.path === 'string' &&
    typeof p.sha256 === 'string' &&
    typeof p.md5 === 'string' &&
    typeof p.sha1 === 'string' &&
    Number.isInteger(p.size);
  if (!ok) throw new AppError('bad-usage', 'The ingest job has no valid file description; upload the file again.');
  return p;
}

/** The job's result: the file's triage and where it went. `alerts` is null when an earlier try stored it. */
function resultOf(r: {
  status: string;
  reasons: string[];
  mediaId?: number | null;
  sha256?: string | null;
  size?: number | null;
  alerts: number | null;
}): JobObject {
  return {
    status: r.status,
    reasons: r.reasons,
    mediaId: r.mediaId ?? null,
    sha256: r.sha256 ?? null,
    size: r.size ?? null,
    alerts: r.alerts,
  };
}

export function ingestJob(deps: IngestJobDeps): JobHandler {
  const { database, blobs, pdqIndex, audit } = deps;
  const { db, dialect } = database;
  const now = deps.now ?? Date.now;
  const threshold = deps.threshold ?? 31;
  const raise = deps.alerts ?? raiseIngestAlerts;
  const videos = deps.videos ?? new KnownVideos(db);
  return async (job, ctx) => {
    const p = payloadOf(job.payload);
    const exhibit = await new CaseRepository(db).findExhibit(p.exhibitId);
    if (!exhibit || exhibit.agencyId !== job.agencyId) {
      throw new AppError('not-found', `Exhibit ${p.exhibitId} no longer exists; the upload cannot be ingested.`);
    }
    const scans = new ScanFileRepository(db);
    const earlier = await scans.find(exhibit.id, p.path);
    if (earlier) return resultOf({ ...earlier, alerts: null });

    ctx.progress({ step: 'reading', size: p.size });
    const source = await openUploadedFile(blobs.media, p.sha256, p.size, deps.tempDir);
    try {
      let alerts = 0;
      const target: ScanTarget = {
        db,
        dialect,
        agencyId: exhibit.agencyId,
        exhibitId: exhibit.id,
        startedAt: now(),
        threshold,
        minQuality: deps.minQuality ?? 50,
        thumbnails: blobs.thumbnails,
        videos,
        tempDir: deps.tempDir,
        onStored: async (trx, stored) => {
          alerts = await raise(trx, { agencyId: exhibit.agencyId, mediaId: stored.mediaId }, now);
          await audit.append(trx, {
            actor: { userId: job.createdBy, agencyId: exhibit.agencyId },
            action: 'ingest',
            record: { kind: 'media', id: stored.mediaId, agencyId: null },
            details: { jobId: job.id, exhibitId: exhibit.id, status: stored.status, created: stored.created, alerts },
          });
        },
      };
      const file: ScanInputFile = { path: source.path ?? '', logicalPath: p.path };
      if (source.data) file.data = source.data;
      if (source.failure) file.failure = source.failure;
      ctx.progress({ step: 'decoding', size: p.size });
      const prepared = await prepareFile(target, file);
      if (ctx.signal.aborted) throw ctx.signal.reason;
      ctx.progress({ step: 'matching', size: p.size });
      const near = await nearFromIndex(pdqIndex, db, exhibit.agencyId, prepared.decoded?.dihedral, threshold);
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const outcome = await finishFile(target, near, prepared).catch(async (cause) => {
        // Another try of this job committed the file first: its outcome stands.
        const stored = AppError.is(cause, 'conflict') ? await scans.find(exhibit.id, p.path) : null;
        if (stored) return null;
        throw cause;
      });
      if (!outcome) {
        const stored = await scans.find(exhibit.id, p.path);
        if (!stored) throw new AppError('internal', 'The file was stored by another try but cannot be found.');
        return resultOf({ ...stored, alerts: null });
      }
      // Lookups in this process see the new media at once (others refresh on their timers).
      pdqIndex.refresh().catch(() => {});
      return resultOf({ ...outcome, alerts: outcome.mediaId === undefined ? 0 : alerts });
    } finally {
      await source.release();
    }
  };
}
