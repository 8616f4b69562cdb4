/**
 * The few places where SQLite and PostgreSQL need different DDL for the same column, so that each
 * migration is written once. Hashes are `text` (with byte-wise "C" collation on PostgreSQL, which
 * makes their indexes cheaper whatever the database's locale); ids are 64-bit on PostgreSQL.
 */
import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Expression, type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/** What `addColumn` takes as a data type (Kysely does not export the name). */
type DataTypeExpression = Parameters<CreateTableBuilder<string>['addColumn']>[1];

export interface ColumnTypes {
  readonly dialect: DialectName;
  /** Data type of an `id` primary key. */
  readonly idType: DataTypeExpression;
  /** Makes a column an auto-assigned integer primary key. */
  id(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Data type of a column referring to an id; also used for sizes and times (ms). */
  readonly ref: DataTypeExpression;
  /** Data type of a hash or signal value. */
  readonly hash: DataTypeExpression;
  /** Check: the column holds exactly `length` lower-case hex digits. */
  lowerHex(column: string, length: number): Expression<unknown>;
  /** Check: the column holds exactly `length` upper-case ASCII letters. */
  upperLetters(column: string, length: number): Expression<unknown>;
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  if (dialect === 'postgres') {
    return {
      dialect,
      idType: 'bigint',
      id: (col) => col.generatedByDefaultAsIdentity().primaryKey(),
      ref: 'bigint',
      hash: sql`text collate "C"`,
      lowerHex: (column, length) => sql`${sql.ref(column)} ~ ${sql.lit(`^[0-9a-f]{${length}}$`)}`,
      upperLetters: (column, length) => sql`${sql.ref(column)} ~ ${sql.lit(`^[A-Z]{${length}}$`)}`,
    };
  }
  return {
    dialect,
    // Exactly "integer primary key" makes the column SQLite's rowid; autoincrement never reuses ids.
    idType: 'integer',
    id: (col) => col.primaryKey().autoIncrement(),
    // SQLite gives any type name containing "INT" integer affinity (64-bit).
    ref: 'bigint',
    hash: 'text',
    lowerHex: (column, length) =>
      sql`length(${sql.ref(column)}) = ${sql.lit(length)} and ${sql.ref(column)} not glob '*[^0-9a-f]*'`,
    upperLetters: (column, length) =>
      sql`length(${sql.ref(column)}) = ${sql.lit(length)} and ${sql.ref(column)} not glob '*[^A-Z]*'`,
  };
}

/** One forward-only migration: written once, run on either dialect. */
export interface VigilMigration {
  /** Sorts in the order migrations run: `0001_core`, `0002_…`. */
  readonly name: string;
  up(db: Kysely<unknown>, types: ColumnTypes): Promise<void>;
}
