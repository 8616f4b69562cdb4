/**
 * Hash sets (the imported lists, not their entries: see hash-set-entry.repository.ts) and the
 * agencies they are shared with by name. Reads take the asking agency and apply the sharing rules
 * inside the query (visibility.ts); changes take the owner agency.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { HashSet } from '../domain/hash-set.record.js';
import type { SharingLevel } from '../domain/sharing.record.js';
import type { HashSetTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { isUniqueViolation, withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';
import { hashSetVisibleTo } from './visibility.js';

export interface NewHashSet {
  agencyId: number;
  name: string;
  source: string;
  schemeId?: number | null;
  terms?: string | null;
  /** Default `restricted`. */
  sharing?: SharingLevel;
  /** Agencies named to see it whatever the level (the owner is left out). */
  sharedWith?: readonly number[];
  /** A known-good (NSRL-style) set; default false. */
  knownGood?: boolean;
}

function toHashSet(row: Selectable<HashSetTable>): HashSet {
  return {
    id: row.id,
    agencyId: row.agency_id,
    name: row.name,
    source: row.source,
    schemeId: row.scheme_id,
    terms: row.terms,
    sharing: row.sharing as SharingLevel,
    createdAt: row.created_at,
    knownGood: Number(row.known_good) === 1,
  };
}

async function insertShares(
  trx: Kysely<VigilSchema>,
  hashSetId: number,
  ownerAgencyId: number,
  agencyIds: readonly number[],
): Promise<void> {
  const others = [...new Set(agencyIds)].filter((a) => a !== ownerAgencyId);
  if (others.length === 0) return;
  await trx
    .insertInto('hash_set_shares')
    .values(others.map((agency_id) => ({ hash_set_id: hashSetId, agency_id })))
    .execute();
}

export class HashSetRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `conflict` when the agency has a set of that name; `not-found` without the agency, scheme or a named agency. */
  create(input: NewHashSet): Promise<HashSet> {
    return withAppErrors('Adding a hash set', () =>
      inTransaction(this.db, async (trx) => {
        const row = await trx
          .insertInto('hash_sets')
          .values({
            agency_id: input.agencyId,
            name: input.name,
            source: input.source,
            scheme_id: input.schemeId ?? null,
            terms: input.terms ?? null,
            sharing: input.sharing ?? 'restricted',
            created_at: this.now(),
            known_good: input.knownGood ? 1 : 0,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch((err: unknown) => {
            // The one key a reader can hit: said in their terms, not the index's columns.
            if (!isUniqueViolation(err)) throw err;
            throw new AppError(
              'conflict',
              `Your agency already has a hash set named "${input.name}"; choose another name.`,
              { cause: err },
            );
          });
        await insertShares(trx, row.id, row.agency_id, input.sharedWith ?? []);
        return toHashSet(row);
      }),
    );
  }

  /** The set if this agency may see it (own, shared with all, or named); otherwise null. */
  async findVisible(id: number, agencyId: number): Promise<HashSet | null> {
    const row = await this.db
      .selectFrom('hash_sets')
      .selectAll()
      .where('hash_sets.id', '=', id)
      .where(hashSetVisibleTo(agencyId))
      .executeTakeFirst();
    return row ? toHashSet(row) : null;
  }

  /** The agency's own set of that name, or null. */
  async findOwnByName(agencyId: number, name: string): Promise<HashSet | null> {
    const row = await this.db
      .selectFrom('hash_sets')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toHashSet(row) : null;
  }

  async listVisible(agencyId: number): Promise<HashSet[]> {
    const rows = await this.db
      .selectFrom('hash_sets')
      .selectAll()
      .where(hashSetVisibleTo(agencyId))
      .orderBy('hash_sets.id')
      .execute();
    return rows.map(toHashSet);
  }

  /** Sets the level and replaces the named agencies; `not-found` unless the owner asks. */
  setSharing(
    id: number,
    ownerAgencyId: number,
    sharing: SharingLevel,
    sharedWith: readonly number[],
  ): Promise<HashSet> {
    return withAppErrors('Sharing a hash set', () =>
      inTransaction(this.db, async (trx) => {
        const row = await trx
          .updateTable('hash_sets')
          .set({ sharing })
          .where('id', '=', id)
          .where('agency_id', '=', ownerAgencyId)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new AppError('not-found', `Sharing hash set ${id}: there is no such hash set of this agency.`);
        await trx.deleteFrom('hash_set_shares').where('hash_set_id', '=', id).execute();
        await insertShares(trx, id, ownerAgencyId, sharedWith);
        return toHashSet(row);
      }),
    );
  }

  async listShares(id: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('hash_set_shares')
      .select('agency_id')
      .where('hash_set_id', '=', id)
      .orderBy('agency_id')
      .execute();
    return rows.map((r) => r.agency_id);
  }
}
