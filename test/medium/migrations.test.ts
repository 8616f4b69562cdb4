import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../src/domain/app-error.js';
import { createDatabase } from '../../src/storage/database.js';
import type { VigilMigration } from '../../src/storage/migrations/column-types.js';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { createScratchTarget, describeEachDialect } from './dialect-harness.js';

const TABLES = [
  'agencies',
  'users',
  'user_roles',
  'cases',
  'exhibits',
  'media',
  'media_metadata',
  'signals',
  'sightings',
  'hash_set_entries',
  'hash_set_shares',
  'hash_sets',
  'series_shares',
  'series',
  'victims',
  'offenders',
  'places',
  'clues',
  'links',
  'matches',
  'note_visibility',
  'notes',
  'alerts',
];

/** Creates a table, then fails: its table must not survive (each migration is one transaction). */
const broken: VigilMigration = {
  name: '9999_broken',
  async up(db) {
    await db.schema.createTable('broken_probe').addColumn('id', 'integer').execute();
    await sql`select * from no_such_table_anywhere`.execute(db);
  },
};

describeEachDialect(
  'migrations',
  (suite) => {
    test('apply on an empty database, creating every table', async () => {
      const first = await createDatabase(suite.target.config);
      try {
        assert.deepEqual(
          first.migrations?.applied,
          MIGRATIONS.map((m) => m.name),
        );
        assert.deepEqual(first.migrations?.alreadyApplied, []);
        assert.equal(first.migrations?.error, null);
        for (const table of TABLES) {
          const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(first.db);
          assert.equal(Number(rows[0].n), 0, table);
        }
      } finally {
        await first.destroy();
      }
    });

    test('are idempotent: a second start applies nothing', async () => {
      const again = await createDatabase(suite.target.config);
      try {
        assert.deepEqual(again.migrations?.applied, []);
        assert.deepEqual(
          again.migrations?.alreadyApplied,
          MIGRATIONS.map((m) => m.name),
        );
      } finally {
        await again.destroy();
      }
    });

    test('a failing migration stops start-up with an AppError naming it, and is rolled back', async () => {
      await assert.rejects(
        createDatabase(suite.target.config, { migrations: [...MIGRATIONS, broken] }),
        (err: unknown) => {
          assert.ok(AppError.is(err, 'migration-failed'), String(err));
          assert.match(err.message, /Migration "9999_broken" failed on (sqlite|postgres)/);
          return true;
        },
      );
      const after = await createDatabase(suite.target.config);
      try {
        assert.deepEqual(after.migrations?.applied, []);
        const probe = sql`select count(*) as n from broken_probe`.execute(after.db);
        await assert.rejects(probe, /broken_probe/);
      } finally {
        await after.destroy();
      }
    });

    test('a failed first start keeps nothing; the next start applies everything', async () => {
      const fresh = await createScratchTarget(suite.dialect);
      try {
        await assert.rejects(createDatabase(fresh.config, { migrations: [...MIGRATIONS, broken] }), (err: unknown) =>
          AppError.is(err, 'migration-failed'),
        );
        const next = await createDatabase(fresh.config);
        try {
          assert.deepEqual(
            next.migrations?.applied,
            MIGRATIONS.map((m) => m.name),
          );
        } finally {
          await next.destroy();
        }
      } finally {
        await fresh.cleanup();
      }
    });

    test('the report, not an exception, carries the failure', async () => {
      const open = await createDatabase(suite.target.config, { migrate: false });
      try {
        const report = await migrateToLatest(open.db, suite.dialect, [...MIGRATIONS, broken]);
        assert.equal(report.failed, '9999_broken');
        assert.deepEqual(report.applied, []);
        assert.deepEqual(
          report.alreadyApplied,
          MIGRATIONS.map((m) => m.name),
        );
        assert.ok(AppError.is(report.error, 'migration-failed'));
      } finally {
        await open.destroy();
      }
    });
  },
  { migrate: false },
);
