/**
 * Group commit for audit events that record reads (a lookup that found something): events from
 * requests arriving together are appended in ONE transaction, and each request is answered only
 * once its events are committed. Changes still append in their own transaction (AuditRepository);
 * this is for views, where one commit per request was most of a hit's cost on SQLite.
 */
import type { Kysely } from 'kysely';
import type { AuditRepository, NewAuditEvent } from '../storage/audit.repository.js';
import type { VigilSchema } from '../storage/schema.js';

interface Waiting {
  events: NewAuditEvent[];
  done(): void;
  failed(cause: unknown): void;
}

export class AuditBatcher {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly audit: AuditRepository,
  ) {}

  /** Resolves once the events are committed (with whatever else was waiting); rejects if that commit failed. */
  append(events: NewAuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((done, failed) => {
      this.queue.push({ events, done, failed });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.db.transaction().execute(async (trx) => {
          for (const w of batch) for (const e of w.events) await this.audit.append(trx, e);
        });
        for (const w of batch) w.done();
      } catch (cause) {
        for (const w of batch) w.failed(cause);
      }
    }
    this.flushing = false;
  }
}
