/**
 * Runs the forward-only migrations with Kysely's Migrator and a static provider. Returns a
 * report rather than throwing (STYLE.md §6); a failure is an AppError naming the migration, which
 * start-up raises. All migrations pending at a start run in ONE transaction on both dialects (DDL
 * is transactional in SQLite and PostgreSQL): a failure leaves the schema exactly as it was.
 */
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { DialectName } from './dialect-name.js';
import { columnTypes, type VigilMigration } from './migrations/column-types.js';
import { MIGRATIONS } from './migrations/index.js';

export const MIGRATION_TABLE = 'vigil_migration';

export interface MigrationReport {
  dialect: DialectName;
  /** Migrations this run applied, in order (none when it failed: the run is all or nothing). */
  applied: string[];
  /** Migrations already applied before this run. */
  alreadyApplied: string[];
  /** The migration that failed, or null. It and the others of this run were rolled back. */
  failed: string | null;
  /** Set when the run failed: code `migration-failed`, the message names the migration. */
  error: AppError | null;
}

function staticProvider(migrations: readonly VigilMigration[], dialect: DialectName) {
  const types = columnTypes(dialect);
  const byName: Record<string, Migration> = {};
  for (const m of migrations) {
    if (byName[m.name]) throw new AppError('internal', `Migration "${m.name}" is listed twice.`);
    byName[m.name] = { up: (db) => m.up(db, types) };
  }
  return { getMigrations: async () => byName };
}

function failure(dialect: DialectName, outcome: MigrationResultSet): { failed: string | null; error: AppError } {
  const failed = outcome.results?.find((r) => r.status === 'Error')?.migrationName ?? null;
  const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  const what = failed ? `Migration "${failed}"` : 'Preparing the migrations';
  const message = `${what} failed on ${dialect}: ${reason}. Nothing of this run was kept; the schema is as it was.`;
  return { failed, error: new AppError('migration-failed', message, { cause: outcome.error }) };
}

/** Brings the schema up to the latest migration; safe to run on every start and concurrently. */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  dialect: DialectName,
  migrations: readonly VigilMigration[] = MIGRATIONS,
): Promise<MigrationReport> {
  const report: MigrationReport = { dialect, applied: [], alreadyApplied: [], failed: null, error: null };
  let migrator: Migrator;
  try {
    migrator = new Migrator({
      db,
      provider: staticProvider(migrations, dialect),
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: `${MIGRATION_TABLE}_lock`,
      // Numbers are handed out to work done side by side, so a lower number can ship after a
      // higher one has run somewhere; each migration touches only its own objects.
      allowUnorderedMigrations: true,
    });
  } catch (err) {
    return { ...report, error: AppError.is(err) ? err : new AppError('internal', String(err), { cause: err }) };
  }
  const outcome = await migrator.migrateToLatest();
  report.applied = (outcome.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (outcome.results) {
    // Kysely reports every pending migration (run, failed or not run); the rest ran before.
    const pending = new Set(outcome.results.map((r) => r.migrationName));
    report.alreadyApplied = migrations.map((m) => m.name).filter((name) => !pending.has(name));
  }
  if (outcome.error !== undefined) Object.assign(report, failure(dialect, outcome), { applied: [] });
  return report;
}
