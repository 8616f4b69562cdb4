/**
 * Runs `work` in a transaction, or inside the caller's when the repository was given one (a
 * service that writes several aggregates and its audit event in one transaction passes its
 * `Transaction`, which Kysely cannot nest).
 */
import type { Kysely, Transaction } from 'kysely';
import type { VigilSchema } from './schema.js';

export function inTransaction<T>(
  db: Kysely<VigilSchema>,
  work: (trx: Kysely<VigilSchema> | Transaction<VigilSchema>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
