/**
 * The `jobs` table (migration 0012): rows in, claims, claim-guarded changes and reads. I/O only:
 * the queue (src/jobs/sql-job-queue.ts) decides tokens, leases, retries and messages.
 *
 * A claim is one UPDATE of the first due row picked by a sub-select; on PostgreSQL that
 * sub-select takes the row `FOR UPDATE SKIP LOCKED`, so workers on any number of connections get
 * different jobs without waiting on one another. SQLite has one writer at a time, so the same
 * statement is atomic there as it is.
 */
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DialectName } from './dialect-name.js';
import type { JobTable } from './job-schema.js';
import type { VigilSchema } from './schema.js';

export type JobRow = Selectable<JobTable>;

export class JobRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
  ) {}

  async insert(values: Insertable<JobTable>): Promise<number> {
    const row = await this.db.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /**
   * Takes the first due job of these kinds (queued and due, or running with its lease run out,
   * with tries left) for `token` until `lockedUntil`, counting the try; null when none is due.
   */
  async claim(kinds: readonly string[], at: number, lockedUntil: number, token: string): Promise<JobRow | null> {
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        claim_token: token,
        locked_until: lockedUntil,
        attempts: eb('attempts', '+', 1),
        started_at: eb.fn.coalesce('started_at', sql<number>`${at}`),
      }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('kind', 'in', kinds)
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'queued'), w('run_after', '<=', at)]),
              w.and([w('status', '=', 'running'), w('locked_until', '<', at)]),
            ]),
          )
          .where('attempts', '<', (w) => w.ref('max_attempts'))
          .orderBy('run_after')
          .orderBy('id')
          .limit(1)
          .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  /** Running jobs of these kinds whose lease ran out on their last try end `failed` with `error`. */
  async failExhausted(kinds: readonly string[], at: number, error: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'failed', error, claim_token: null, locked_until: null, finished_at: at })
      .where('kind', 'in', kinds)
      .where('status', '=', 'running')
      .where('locked_until', '<', at)
      .where('attempts', '>=', (eb) => eb.ref('max_attempts'))
      .execute();
  }

  /** Applies `changes` (and moves `attempts`) while `token` still holds the running job. */
  async updateHeld(id: number, token: string, changes: Updateable<JobTable>, attemptsDelta = 0): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        ...changes,
        ...(attemptsDelta === 0 ? {} : { attempts: eb('attempts', '+', attemptsDelta) }),
      }))
      .where('id', '=', id)
      .where('claim_token', '=', token)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async find(id: number): Promise<JobRow | null> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ?? null;
  }

  listBatch(batch: string, agencyId: number): Promise<JobRow[]> {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('batch', '=', batch)
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
  }

  /** How many jobs of the batch are in each status. */
  async batchStatusCounts(batch: string): Promise<{ status: string; n: number }[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('batch', '=', batch)
      .groupBy('status')
      .execute();
    return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
  }

  /** Makes every running job's lease run out now; returns how many there were. */
  async expireRunningLeases(): Promise<number> {
    const result = await this.db
      .updateTable('jobs')
      .set({ locked_until: 0 })
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
