/**
 * Whether the database answers (readiness): one trivial statement, throwing what the driver threw.
 */
import { type Kysely, sql } from 'kysely';
import type { VigilSchema } from './schema.js';

export async function databaseReady(db: Kysely<VigilSchema>): Promise<void> {
  await sql`select 1`.execute(db);
}
