/**
 * The single writer of a resumable upload session, across hub processes and machines: a request
 * appending to a session first takes the lease on its row (a conditional UPDATE: no writer, or
 * the last one's lease lapsed), renews it every third of its length while the chunk streams (as
 * job leases are, src/jobs/job-runner.ts), and gives it back when done. The offset only moves for
 * the holder (UploadSessionRepository.setReceived names the token). A writer whose renewals fail
 * or were refused (taken over after a lapse) stops writing before its next record: `held` says no
 * refuses once less than a third of the lease is left. A crashed writer's lease runs out and the
 * client resumes; the writer taking over (`tookOver`) first moves the partial file to a new inode,
 * since the old one may still be stuck inside a disk write that would land in the new records.
 * Times are the hub's clock, as for job leases: hub machines keep theirs in step.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/app-error.js';
import type { UploadSessionRepository, UploadSessionRow } from '../storage/upload-session.repository.js';

export const UPLOAD_LEASE_MS = 30_000;

/** The Problem a second writer gets: who holds it, and when to try again. */
export function sessionBusy(row: UploadSessionRow, now: number): AppError {
  const until = row.lease_until ?? now;
  const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1_000));
  return new AppError(
    'conflict',
    `Another upload is writing to upload session ${row.id} now (on this or another hub server). Retry in ` +
      `${retryAfterSeconds} s: GET the session for its offset, then send the chunk that starts there.`,
    { details: { offset: row.received, retryAfterSeconds, leaseUntil: new Date(until).toISOString() } },
  );
}

/** The Problem of a writer that lost its lease mid-chunk: nothing more of its chunk is counted. */
export function leaseLost(id: string, offset: number): AppError {
  return new AppError(
    'conflict',
    `This request lost its hold on upload session ${id} (the hub could not renew it in time, or another upload ` +
      'took the session over), so the rest of its chunk was not kept. GET the session for its offset, then resume.',
    { details: { offset } },
  );
}

export class UploadLease {
  private until: number;
  private lost = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly repo: UploadSessionRepository,
    readonly id: string,
    readonly token: string,
    /** The session as the lease found it. */
    readonly row: UploadSessionRow,
    /** Taken from a writer whose lease lapsed: it may still be stuck inside a write to the partial file. */
    readonly tookOver: boolean,
    private readonly now: () => number,
    private readonly leaseMs: number,
  ) {
    this.until = row.lease_until ?? now() + leaseMs;
    this.timer = setInterval(() => void this.renew(), Math.max(10, Math.floor(leaseMs / 3)));
    this.timer.unref();
  }

  /** The lease when no one else holds it; undefined when another writer does or the session is complete. */
  static async take(
    repo: UploadSessionRepository,
    id: string,
    now: () => number,
    leaseMs: number,
  ): Promise<UploadLease | undefined> {
    const token = randomBytes(16).toString('hex');
    const at = now();
    const taken = await repo.acquire(id, token, at, at + leaseMs);
    return taken ? new UploadLease(repo, id, token, taken.row, taken.tookOver, now, leaseMs) : undefined;
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    const until = this.now() + this.leaseMs;
    try {
      if (await this.repo.renew(this.id, this.token, until)) this.until = until;
      else this.lost = true;
    } catch {
      // The database is unreachable for now: the lease runs down, and assertHeld stops the writer in time.
    }
  }

  /** Whether the lease is still ours with a third of it left: checked before each write. */
  held(): boolean {
    return !this.lost && this.now() <= this.until - this.leaseMs / 3;
  }

  /** Stops renewing and gives the lease back; a failure to do so only lets it run out. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    this.lost = true;
    await this.repo.release(this.id, this.token).catch(() => undefined);
  }
}
