/**
 * Splitting large batches (STYLE.md §9): multi-row inserts stay under each dialect's bound
 * parameter limit, and `IN (...)` lists stay short enough for the planner and the wire.
 */
import type { DialectName } from './dialect-name.js';

/** Bound parameters allowed in one statement: SQLite (since 3.32) 32766, PostgreSQL 65535. */
const MAX_PARAMETERS: Record<DialectName, number> = { sqlite: 32_766, postgres: 65_535 };

/** Values in one `IN (...)` list. */
export const IN_LIST_CHUNK = 500;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a whole number ≥ 1, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per multi-row insert for a table of `columns` columns, at most `cap`. */
export function rowsPerInsert(dialect: DialectName, columns: number, cap = 1000): number {
  return Math.max(1, Math.min(cap, Math.floor(MAX_PARAMETERS[dialect] / columns)));
}
