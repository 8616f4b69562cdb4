/**
 * The entries of hash sets: one at a time, in bulk (batched transactions, multi-row inserts,
 * duplicates skipped and counted) and looked up by each hash under the asking agency's sharing
 * rules (visibility.ts), inside the query. Hash values arrive normalised (lower-case hex); the
 * schema's checks turn anything else into `invalid-signal`.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { EntryHash, HashSetEntry } from '../domain/hash-set.record.js';
import { chunk } from './chunks.js';
import type { DialectName } from './dialect-name.js';
import { entryInserts } from './entry-bulk-sql.js';
import { withEntryIndexesDeferred } from './entry-deferred-indexes.js';
import { sortedByKey } from './entry-key-order.js';
import type { HashSetEntryTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';
import { flag, hashSetEntriesVisibleTo, hashSetVisibleTo } from './visibility.js';

/** At least one hash. */
export interface NewHashSetEntry {
  md5?: string | null;
  sha1?: string | null;
  sha256?: string | null;
  pdq?: string | null;
  categoryValueId?: number | null;
  pdqQuality?: number | null;
  seriesLabel?: string | null;
}

export interface BulkEntryOptions {
  /** Entries per transaction (default: DEFAULT_ENTRY_BATCH of the dialect). */
  batchSize?: number;
}

export interface BulkEntryResult {
  inserted: number;
  /** Already in the set (same strongest hash), from an earlier import or earlier in this list. */
  duplicates: number;
}

/** An entry found by a hash, with the set it is in. */
export interface EntryHit {
  entry: HashSetEntry;
  /** The set's name, or null where the agency may see its hashes only (a `hash_only` set of another agency). */
  hashSetName: string | null;
  hashSetAgencyId: number;
  /** The set is known-good (NSRL-style). */
  knownGood: boolean;
}

/**
 * Entries per transaction. Hash keys are random, so a batch dirties leaf pages all over the
 * set's four hash indexes; SQLite writes each dirty page to its WAL at commit, so larger batches
 * write fewer pages per entry (see DEFAULT_BULK_BATCH for media). PostgreSQL logs rows, not
 * pages: smaller batches hold its row locks for less time.
 */
export const DEFAULT_ENTRY_BATCH: Record<DialectName, number> = { sqlite: 20_000, postgres: 5_000 };

function toEntry(row: Selectable<HashSetEntryTable>): HashSetEntry {
  return {
    id: row.id,
    hashSetId: row.hash_set_id,
    agencyId: row.agency_id,
    md5: row.md5,
    sha1: row.sha1,
    sha256: row.sha256,
    pdq: row.pdq,
    categoryValueId: row.category_value_id,
    pdqQuality: row.pdq_quality,
    seriesLabel: row.series_label,
  };
}

function entryRow(hashSetId: number, agencyId: number, e: NewHashSetEntry) {
  return {
    hash_set_id: hashSetId,
    agency_id: agencyId,
    md5: e.md5 ?? null,
    sha1: e.sha1 ?? null,
    sha256: e.sha256 ?? null,
    pdq: e.pdq ?? null,
    category_value_id: e.categoryValueId ?? null,
    pdq_quality: e.pdqQuality ?? null,
    series_label: e.seriesLabel ?? null,
  };
}

export class HashSetEntryRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
  ) {}

  /** `conflict` when the set has an entry with the same strongest hash; `not-found` unless the owner asks. */
  add(hashSetId: number, ownerAgencyId: number, entry: NewHashSetEntry): Promise<HashSetEntry> {
    return withAppErrors('Adding a hash-set entry', async () => {
      await this.assertOwned(this.db, hashSetId, ownerAgencyId);
      const row = await this.db
        .insertInto('hash_set_entries')
        .values(entryRow(hashSetId, ownerAgencyId, entry))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    });
  }

  /**
   * Adds entries in batches, one transaction each; duplicates are skipped and counted. A batch
   * with a malformed hash fails whole (`invalid-signal`), the batches before it stay: parse and
   * normalise at the edge.
   */
  addMany(
    hashSetId: number,
    ownerAgencyId: number,
    entries: readonly NewHashSetEntry[],
    options: BulkEntryOptions = {},
  ): Promise<BulkEntryResult> {
    return withAppErrors('Adding hash-set entries', async () => {
      await this.assertOwned(this.db, hashSetId, ownerAgencyId);
      let inserted = 0;
      for (const batch of chunk(sortedByKey(entries), options.batchSize ?? DEFAULT_ENTRY_BATCH[this.dialect])) {
        inserted += await inTransaction(this.db, (trx) => this.insert(trx, hashSetId, ownerAgencyId, batch));
      }
      return { inserted, duplicates: entries.length - inserted };
    });
  }

  /**
   * SQLite, for a large import that has the database to itself (the CLI): every batch `feed`
   * passes to `add` goes into one transaction with the lookup indexes deferred
   * (entry-deferred-indexes.ts); duplicates are skipped and counted as by addMany.
   */
  addDeferred(
    hashSetId: number,
    ownerAgencyId: number,
    feed: (add: (entries: readonly NewHashSetEntry[]) => Promise<BulkEntryResult>) => Promise<void>,
    onIndexing?: () => void,
  ): Promise<void> {
    if (this.dialect !== 'sqlite') throw new AppError('internal', 'Deferred entry indexes are for SQLite only.');
    return withAppErrors('Adding hash-set entries', () =>
      withEntryIndexesDeferred(
        this.db,
        async (trx) => {
          await this.assertOwned(trx, hashSetId, ownerAgencyId);
          await feed(async (entries) => {
            const inserted = await this.insert(trx, hashSetId, ownerAgencyId, sortedByKey(entries));
            return { inserted, duplicates: entries.length - inserted };
          });
        },
        onIndexing,
      ),
    );
  }

  /** The highest entry id given so far: the table's size, or more where entries were removed. */
  async highestId(): Promise<number> {
    const row = await this.db
      .selectFrom('hash_set_entries')
      .select((eb) => eb.fn.max('id').as('top'))
      .executeTakeFirst();
    return Number(row?.top ?? 0);
  }

  /** Entries with this hash in every set whose hashes this agency may see, by entry id. */
  async findByHash(hash: EntryHash, value: string, agencyId: number): Promise<EntryHit[]> {
    const rows = await this.db
      .selectFrom('hash_set_entries')
      .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
      .selectAll('hash_set_entries')
      .select(['hash_sets.name as set_name', 'hash_sets.agency_id as set_agency_id', 'hash_sets.known_good'])
      .select((eb) => flag(hashSetVisibleTo(agencyId)(eb as never)).as('set_visible'))
      .where(`hash_set_entries.${hash}`, '=', value)
      .where(hashSetEntriesVisibleTo(agencyId))
      .orderBy('hash_set_entries.id')
      .execute();
    return rows.map((r) => ({
      entry: toEntry(r),
      hashSetName: Number(r.set_visible) === 1 ? r.set_name : null,
      hashSetAgencyId: r.set_agency_id,
      knownGood: Number(r.known_good) === 1,
    }));
  }

  /** A page of a set's entries in id order (for export and index building); `afterId` from the last page. */
  async listEntries(hashSetId: number, agencyId: number, afterId = 0, limit = 1_000): Promise<HashSetEntry[]> {
    const rows = await this.db
      .selectFrom('hash_set_entries')
      .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
      .selectAll('hash_set_entries')
      .where('hash_set_entries.hash_set_id', '=', hashSetId)
      .where('hash_set_entries.id', '>', afterId)
      .where(hashSetEntriesVisibleTo(agencyId))
      .orderBy('hash_set_entries.id')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  /** How many entries a set has, for an agency that may see its hashes (0 otherwise). */
  async count(hashSetId: number, agencyId: number): Promise<number> {
    const row = await this.db
      .selectFrom('hash_set_entries')
      .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('hash_set_entries.hash_set_id', '=', hashSetId)
      .where(hashSetEntriesVisibleTo(agencyId))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Inserts `entries` (in key order) inside the caller's transaction; the number added. */
  private async insert(
    trx: Kysely<VigilSchema>,
    hashSetId: number,
    agencyId: number,
    entries: readonly NewHashSetEntry[],
  ): Promise<number> {
    let inserted = 0;
    for (const query of entryInserts(this.dialect, hashSetId, agencyId, entries)) {
      inserted += Number((await trx.executeQuery(query)).numAffectedRows ?? 0);
    }
    return inserted;
  }

  private async assertOwned(db: Kysely<VigilSchema>, hashSetId: number, agencyId: number): Promise<void> {
    const found = await db
      .selectFrom('hash_sets')
      .select('id')
      .where('id', '=', hashSetId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (!found) throw new AppError('not-found', `Adding entries: there is no hash set ${hashSetId} of this agency.`);
  }
}
