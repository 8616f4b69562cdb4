/**
 * The audit log (DESIGN.md §2, STYLE.md §10): append-only events, each chained to the one before
 * by SHA-256 (audit-hash.ts), and a one-row chain head that every append locks. Defence in depth:
 * `prev_hash` is unique (no two events can follow the same one, so the chain cannot fork even if
 * serialisation failed), and triggers refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL). Someone
 * with full database rights can drop the triggers; the chain is what catches them then.
 */
import { type Kysely, sql } from 'kysely';
import type { ColumnTypes, VigilMigration } from './column-types.js';

export const GENESIS_HASH = '0'.repeat(64);

async function appendOnly(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  if (t.dialect === 'sqlite') {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger audit_events_no_${op} before ${op} on audit_events ` +
            `begin select raise(abort, 'audit events are append-only'); end`,
        )
        .execute(db);
    }
    return;
  }
  await sql`
    create function vigil_audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit events are append-only';
    end
    $$`.execute(db);
  await sql`create trigger audit_events_no_change before update or delete on audit_events
    for each row execute function vigil_audit_append_only()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function vigil_audit_append_only()`.execute(db);
}

export const auditMigration: VigilMigration = {
  name: '0003_audit',
  async up(db, t) {
    await db.schema
      .createTable('audit_events')
      .addColumn('seq', t.ref, (c) => c.primaryKey())
      .addColumn('at', t.ref, (c) => c.notNull())
      .addColumn('actor_user_id', t.ref)
      .addColumn('actor_agency_id', t.ref)
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('record_kind', 'text', (c) => c.notNull())
      .addColumn('record_id', t.ref)
      .addColumn('record_agency_id', t.ref)
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', t.hash, (c) => c.notNull())
      .addColumn('hash', t.hash, (c) => c.notNull())
      .addUniqueConstraint('audit_events_prev_hash_unique', ['prev_hash'])
      .addUniqueConstraint('audit_events_hash_unique', ['hash'])
      .addCheckConstraint('audit_events_seq_check', sql`seq >= 1`)
      .addCheckConstraint('audit_events_prev_hash_hex', t.lowerHex('prev_hash', 64))
      .addCheckConstraint('audit_events_hash_hex', t.lowerHex('hash', 64))
      .execute();
    // Auditors look by agency (either side) and by record.
    await db.schema
      .createIndex('audit_events_actor_agency_idx')
      .on('audit_events')
      .columns(['actor_agency_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('audit_events_record_agency_idx')
      .on('audit_events')
      .columns(['record_agency_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('audit_events_record_idx')
      .on('audit_events')
      .columns(['record_kind', 'record_id'])
      .execute();

    await db.schema
      .createTable('audit_chain_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', t.ref, (c) => c.notNull())
      .addColumn('hash', t.hash, (c) => c.notNull())
      .addCheckConstraint('audit_chain_head_single_row', sql`id = 1`)
      .execute();
    await db
      .insertInto('audit_chain_head' as never)
      .values({ id: 1, seq: 0, hash: GENESIS_HASH } as never)
      .execute();
    await appendOnly(db, t);
  },
};
