import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { AppError } from '../domain/app-error.js';
import { PreparedQuery } from './prepared-query.js';
import type { VigilSchema } from './schema.js';

/** Compiles SQLite SQL and returns no rows: enough to check what a prepared query sends. */
function compilingOnly() {
  const sent: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<VigilSchema>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (d) => new SqliteIntrospector(d),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    log: (event) => {
      sent.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  return { db, sent };
}

test('runs the SQL compiled once with each call its own values', async () => {
  const { db, sent } = compilingOnly();
  const q = new PreparedQuery(2, (d, type, value) =>
    d.selectFrom('signals').select('id').where('type', '=', type).where('value', '=', value),
  );
  await q.execute(db, 'sqlite', ['pdq', 'aa']);
  await q.execute(db, 'sqlite', ['pdq', 'bb']);
  assert.equal(sent.length, 2);
  assert.equal(sent[0].sql, sent[1].sql);
  assert.deepEqual(sent[0].parameters, ['pdq', 'aa']);
  assert.deepEqual(sent[1].parameters, ['pdq', 'bb']);
});

test('refuses a builder that adds parameters of its own, and a wrong number of values', async () => {
  const { db } = compilingOnly();
  const withLimit = new PreparedQuery(1, (d, sha256) =>
    d.selectFrom('media').select('id').where('sha256', '=', sha256).limit(5),
  );
  await assert.rejects(withLimit.execute(db, 'sqlite', ['x']), (err: unknown) => AppError.is(err, 'internal'));
  const one = new PreparedQuery(1, (d, sha256) => d.selectFrom('media').select('id').where('sha256', '=', sha256));
  await assert.rejects(one.execute(db, 'sqlite', ['x', 'y']), (err: unknown) => AppError.is(err, 'internal'));
});
