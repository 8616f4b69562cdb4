/**
 * `createDatabase(config)`: opens SQLite or PostgreSQL, runs the migrations (start-up fails with
 * a `migration-failed` AppError naming the migration) and returns one typed Kysely instance.
 */
import { Kysely } from 'kysely';
import type { DatabaseConfig } from './database.config.js';
import type { DialectName } from './dialect-name.js';
import type { VigilMigration } from './migrations/column-types.js';
import { MIGRATIONS } from './migrations/index.js';
import { type MigrationReport, migrateToLatest } from './migrator.js';
import { openPostgres } from './postgres.dialect.js';
import type { VigilSchema } from './schema.js';
import { openSqlite } from './sqlite.dialect.js';

export type VigilDb = Kysely<VigilSchema>;

export interface VigilDatabase {
  readonly db: VigilDb;
  readonly dialect: DialectName;
  /** What start-up migrated; null when created with `migrate: false`. */
  readonly migrations: MigrationReport | null;
  /** Closes the SQLite file or the PostgreSQL pool. */
  destroy(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /** Run the migrations now (default true). */
  migrate?: boolean;
  /** The migrations to run (default: all of Vigil's). */
  migrations?: readonly VigilMigration[];
}

export async function createDatabase(
  config: DatabaseConfig,
  options: CreateDatabaseOptions = {},
): Promise<VigilDatabase> {
  const dialect =
    config.dialect === 'sqlite'
      ? openSqlite(config.file)
      : (await openPostgres(config.url, config.poolSize, config.namedStatements)).dialect;
  const db = new Kysely<VigilSchema>({ dialect });
  let migrations: MigrationReport | null = null;
  if (options.migrate !== false) {
    migrations = await migrateToLatest(db, config.dialect, options.migrations ?? MIGRATIONS);
    if (migrations.error) {
      await db.destroy();
      throw migrations.error;
    }
  }
  return { db, dialect: config.dialect, migrations, destroy: () => db.destroy() };
}
