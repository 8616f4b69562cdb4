/**
 * Uploads of seized files to an exhibit (issue #7) and the status of the jobs that ingest them.
 *
 * Each file streams into the encrypted blob store while MD5 and SHA-1 are computed in the same
 * pass (the store computes the SHA-256 it is addressed by): constant memory whatever the size, and
 * the upload limit is enforced as the bytes arrive. Only once every file of the request is stored
 * are its ingest jobs enqueued, together with the `upload` audit event, in one transaction: a
 * request is accepted whole or not at all (blobs of a refused request are orphans the blob
 * garbage collection removes).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { decide } from '../access/policy.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import type { Exhibit } from '../domain/case.record.js';
import { INGEST_JOB, type IngestPayload } from '../jobs/ingest.job.js';
import type { BatchCounts, Job, JobObject, JobQueue } from '../jobs/job-queue.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import type { BlobStore } from '../storage/blob-store.js';
import { CaseListRepository } from '../storage/case-list.repository.js';
import type { VigilSchema } from '../storage/schema.js';

export interface UploadLimits {
  /** Largest file, in bytes (a larger one refuses the request with 413). */
  maxFileBytes: number;
  /** Most files in one request. */
  maxFiles: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxFileBytes: 16 * 1024 ** 3, maxFiles: 1_000 };

/** One file stored by `receive`. */
export interface ReceivedFile {
  index: number;
  /** The name the client gave (its path in the exhibit, under the upload's folder). */
  name: string;
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
}

export interface AcceptedUpload {
  batch: string;
  exhibitId: number;
  jobs: { id: number; index: number; size: number; sha256: string }[];
}

export interface JobView {
  job: Job;
  batch: (BatchCounts & { id: string }) | null;
}

/** Bytes in words people read in a limit message. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A client's file name as a path inside the exhibit: `/` separators, no empty, `.` or `..` parts, no control characters. */
export function cleanName(raw: string | undefined, index: number): string {
  const parts = (raw ?? '')
    .replace(/\\/g, '/')
    .split('/')
    .map((p) =>
      p
        .replace(/\p{Cc}/gu, '')
        .trim()
        .slice(0, 255),
    )
    .filter((p) => p !== '' && p !== '.' && p !== '..');
  const name = parts.join('/').slice(-1_000);
  return name === '' ? `file-${index + 1}` : name;
}

export class UploadService {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly blobs: BlobStore,
    private readonly queue: JobQueue,
    private readonly audit: AuditRepository,
    readonly limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
  ) {}

  /** Told after jobs were enqueued (the embedded runner looks at the queue at once). */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The exhibit the actor may upload to: `not-found` when it is not theirs to see, `forbidden` to change. */
  async exhibitFor(actor: Actor, exhibitId: number): Promise<Exhibit> {
    const exhibit = await new CaseListRepository(this.db).findExhibit(scopeWhere(actor, 'read', 'exhibit'), exhibitId);
    if (!exhibit) throw new AppError('not-found', `There is no exhibit ${exhibitId} in your agency's cases.`);
    const decision = decide(actor, 'write', { kind: 'exhibit', ownerAgencyId: exhibit.agencyId });
    if (!decision.allowed) throw new AppError('forbidden', decision.reason);
    return exhibit;
  }

  /** Stores one file's bytes as they arrive, hashing them on the way; `payload-too-large` past the limit. */
  async receive(
    content: AsyncIterable<Buffer> | Iterable<Buffer>,
    index: number,
  ): Promise<Omit<ReceivedFile, 'name' | 'index'>> {
    const md5 = createHash('md5');
    const sha1 = createHash('sha1');
    const limit = this.limits.maxFileBytes;
    let seen = 0;
    async function* hashed() {
      for await (const chunk of content) {
        seen += chunk.length;
        if (seen > limit) {
          throw new AppError(
            'payload-too-large',
            `File ${index + 1} of the request is larger than the upload limit of ${formatBytes(limit)}; nothing of this request was kept. Split the upload or ask the operator to raise the limit.`,
            { details: { file: index + 1, limitBytes: limit } },
          );
        }
        md5.update(chunk);
        sha1.update(chunk);
        yield chunk;
      }
    }
    const put = await this.blobs.put(hashed()).catch((cause: unknown) => {
      if (!AppError.is(cause, 'unreadable-file')) throw cause;
      throw new AppError(
        'unreadable-file',
        `File ${index + 1} of the request could not be stored: the upload was cut off, or the server could not write it; nothing of this request was kept.`,
        { cause, details: { file: index + 1 } },
      );
    });
    return { sha256: put.sha256, md5: md5.digest('hex'), sha1: sha1.digest('hex'), size: put.size };
  }

  /**
   * Enqueues one ingest job per stored file and audits the upload, in one transaction; `within`
   * runs in that transaction too (a resumable session marks itself complete there, so its file
   * is enqueued once). `note` adds to the audit event's details (how the upload was finished).
   */
  async accept(
    actor: Actor,
    exhibit: Exhibit,
    files: readonly ReceivedFile[],
    within?: (trx: Transaction<VigilSchema>, accepted: AcceptedUpload) => Promise<void>,
    note: JsonObject = {},
  ): Promise<AcceptedUpload> {
    if (files.length === 0) {
      throw new AppError('bad-usage', 'The request holds no file: send one multipart part named "file" per file.');
    }
    const batch = randomBytes(8).toString('hex');
    const taken = new Set<string>();
    const jobs = await this.db.transaction().execute(async (trx) => {
      const out: AcceptedUpload['jobs'] = [];
      for (const f of files) {
        let path = `uploads/${batch}/${f.name}`;
        if (taken.has(path)) path = `${path} (${f.index + 1})`;
        taken.add(path);
        const payload: IngestPayload = {
          exhibitId: exhibit.id,
          path,
          index: f.index,
          sha256: f.sha256,
          md5: f.md5,
          sha1: f.sha1,
          size: f.size,
        };
        const id = await this.queue.enqueue(
          INGEST_JOB,
          payload as unknown as JobObject,
          { agencyId: exhibit.agencyId, createdBy: actor.userId, batch, blobSha256: f.sha256 },
          trx,
        );
        out.push({ id, index: f.index, size: f.size, sha256: f.sha256 });
      }
      await this.audit.append(trx, {
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        action: 'upload',
        record: { kind: 'exhibit', id: exhibit.id, agencyId: exhibit.agencyId },
        details: { ...note, batch, files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) },
      });
      if (within) await within(trx, { batch, exhibitId: exhibit.id, jobs: out });
      return out;
    });
    for (const listener of this.listeners) listener();
    return { batch, exhibitId: exhibit.id, jobs };
  }

  /** A job of the actor's agency with its batch's counts; `not-found` for any other. */
  async status(actor: Actor, jobId: number): Promise<JobView> {
    const job = await this.queue.get(jobId);
    if (!job || job.agencyId !== actor.agencyId) {
      throw new AppError('not-found', `There is no job ${jobId} of your agency.`);
    }
    const batch = job.batch ? { id: job.batch, ...(await this.queue.batchCounts(job.batch)) } : null;
    return { job, batch };
  }

  /** Every job of one upload of the actor's agency (to pick up its progress after a reload); `not-found` for any other. */
  async batch(actor: Actor, batchId: string): Promise<JobView[]> {
    const jobs = await this.queue.listBatch(batchId, actor.agencyId);
    if (jobs.length === 0) throw new AppError('not-found', `There is no upload ${batchId} of your agency.`);
    const batch = { id: batchId, ...(await this.queue.batchCounts(batchId)) };
    return jobs.map((job) => ({ job, batch }));
  }
}
