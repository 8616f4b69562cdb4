/**
 * A transaction that fails reports the error that ended it, on both dialects. SQLite ends a
 * transaction by itself on some errors (here `RAISE(ROLLBACK)` from a trigger, and a full
 * database); Kysely's own rollback then failed with "cannot rollback - no transaction is active",
 * which hid the cause, and statements after the error ran on their own and were kept.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../src/domain/app-error.js';
import type { VigilDb } from '../../src/storage/database.js';
import { withAppErrors } from '../../src/storage/storage-errors.js';
import { inTransaction } from '../../src/storage/transaction.js';
import { describeEachDialect } from './dialect-harness.js';

describeEachDialect('transaction errors', (suite) => {
  const db = (): VigilDb => suite.database.db;
  const insert = (trx: VigilDb, v: string) => sql`insert into tx_probe (v) values (${v})`.execute(trx);
  /** A transaction that inserts, swallows the refusal of a second insert, then does `rest`. */
  const swallowing = (rest: (trx: VigilDb) => Promise<void>) =>
    db()
      .transaction()
      .execute(async (trx) => {
        await insert(trx, 'a');
        await insert(trx, 'refuse').catch(() => {});
        await rest(trx);
      });
  const stored = async () => (await sql<{ v: string }>`select v from tx_probe order by v`.execute(db())).rows;

  /** A table whose trigger refuses the value 'refuse' by ending the transaction. */
  async function probeTable(): Promise<void> {
    if (suite.dialect === 'sqlite') {
      await sql`create table if not exists tx_probe (id integer primary key, v text not null)`.execute(db());
      await sql`create temp trigger if not exists tx_probe_refuse before insert on tx_probe when new.v = 'refuse'
        begin select raise(rollback, 'refused by the test'); end`.execute(db());
    } else {
      await sql`create table if not exists tx_probe (id serial primary key, v text not null)`.execute(db());
      await sql`create or replace function tx_probe_refuse() returns trigger language plpgsql as $$
        begin if new.v = 'refuse' then raise exception 'refused by the test'; end if; return new; end $$`.execute(db());
      await sql`create or replace trigger tx_probe_refuse before insert on tx_probe
        for each row execute function tx_probe_refuse()`.execute(db());
    }
    await sql`delete from tx_probe`.execute(db());
  }

  test('the error that ends a transaction is the one reported, wrapped as an AppError; nothing is kept', async () => {
    await probeTable();
    const failed = await withAppErrors('Adding probes', () =>
      inTransaction(db(), async (trx) => {
        await insert(trx, 'a');
        await insert(trx, 'refuse');
      }),
    ).then(
      () => assert.fail('the transaction succeeded'),
      (err: unknown) => err,
    );
    assert.ok(AppError.is(failed), String(failed));
    assert.match(failed.message, /^Adding probes failed: .*refused by the test/);
    assert.doesNotMatch(failed.message, /cannot rollback/);
    const code = (failed.cause as { code?: string }).code;
    assert.equal(code, suite.dialect === 'sqlite' ? 'SQLITE_CONSTRAINT_TRIGGER' : 'P0001');
    assert.deepEqual(await stored(), []);
  });

  test('a caller that catches that error and goes on gets no statement kept on its own', async () => {
    await probeTable();
    await assert.rejects(
      swallowing(async (trx) => {
        await insert(trx, 'b');
      }),
      suite.dialect === 'sqlite'
        ? /already rolled this transaction back .*: refused by the test/
        : /^Error: The transaction was already aborted: an earlier statement in it failed, .*: refused by the test$/,
    );
    assert.deepEqual(await stored(), []);
    // The connection is usable again.
    await db()
      .transaction()
      .execute((trx) => insert(trx, 'c'));
    assert.deepEqual(await stored(), [{ v: 'c' }]);
  });

  test('a caller that catches that error and returns does not see the transaction committed', async () => {
    await probeTable();
    await assert.rejects(
      swallowing(async () => {}),
      suite.dialect === 'sqlite'
        ? /already rolled this transaction back .*: refused by the test/
        : /^Error: The transaction was rolled back instead of committed: an earlier statement in it failed, .*: refused by the test$/,
    );
    assert.deepEqual(await stored(), []);
  });

  // PostgreSQL has no per-database page limit to fill.
  if (suite.dialect !== 'sqlite') return;
  test('a full SQLite database says so and where to free space; nothing of the transaction is kept', async () => {
    await probeTable();
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db())).rows[0]?.page_count ?? 0;
    await sql.raw(`pragma max_page_count = ${pages + 2}`).execute(db());
    try {
      const failed = await withAppErrors('Adding probes', () =>
        inTransaction(db(), async (trx) => {
          for (let i = 0; i < 2_000; i++) await insert(trx, `${i}`.padStart(200, 'x'));
        }),
      ).then(
        () => assert.fail('the transaction succeeded'),
        (err: unknown) => err,
      );
      assert.ok(AppError.is(failed), String(failed));
      const dir = dirname(suite.target.where);
      assert.ok(
        failed.message.startsWith(`The database disk is full (SQLITE_FULL): free space in ${dir},`),
        failed.message,
      );
      assert.equal((failed.cause as { code?: string }).code, 'SQLITE_FULL');
    } finally {
      await sql`pragma max_page_count = 4294967294`.execute(db());
    }
    assert.deepEqual(await stored(), []);
  });
});
