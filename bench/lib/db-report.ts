/**
 * The db bench's report: one row per dialect, as an aligned table with the bar, or JSON
 * Lines (`--json`: {bench:"db", dialect, rows, insert_rows_per_s, lookups_per_s, …}).
 */
import { round } from './stats.js';
import { type Column, formatTable, printJsonLine } from './table.js';

export const LOOKUP_KINDS = ['sha256', 'md5', 'sha1', 'signal'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export interface DbRow {
  dialect: 'sqlite' | 'postgres';
  rows: number;
  /** Concurrent insertMany calls (connections) during the insert. */
  writers: number;
  insertMs: number;
  /** Media rows per second (each with its signals). */
  insertRowsPerS: number;
  signalRowsPerS: number;
  /** All four kinds together (harmonic mean: the rate of an even mix). */
  lookupsPerS: number;
  lookupPerS: Record<LookupKind, number>;
  dbMb: number;
  peakRssMb: number;
}

/** Issue 4's bar. */
export const BAR: Record<DbRow['dialect'], { insert: number; lookups: number }> = {
  sqlite: { insert: 50_000, lookups: 20_000 },
  postgres: { insert: 20_000, lookups: 5_000 },
};

const k = (n: number) => Math.round(n);

const COLUMNS: Column<DbRow>[] = [
  { header: 'dialect', value: (r) => r.dialect },
  { header: 'rows', value: (r) => r.rows },
  { header: 'writers', value: (r) => r.writers },
  { header: 'insert s', value: (r) => round(r.insertMs / 1000, 1) },
  { header: 'media rows/s', value: (r) => k(r.insertRowsPerS) },
  { header: 'signal rows/s', value: (r) => k(r.signalRowsPerS) },
  ...(['sha256', 'md5', 'sha1', 'signal'] as const).map(
    (kind): Column<DbRow> => ({ header: `${kind}/s`, value: (r) => k(r.lookupPerS[kind]) }),
  ),
  { header: 'lookups/s', value: (r) => k(r.lookupsPerS) },
  { header: 'db MiB', value: (r) => round(r.dbMb, 0) },
  { header: 'peak RSS MiB', value: (r) => round(r.peakRssMb, 0) },
  {
    header: 'bar (insert, lookups)',
    value: (r) => {
      const bar = BAR[r.dialect];
      const ok = (v: number, t: number) => (v >= t ? 'met' : 'MISSED');
      return `${ok(r.insertRowsPerS, bar.insert)}, ${ok(r.lookupsPerS, bar.lookups)}`;
    },
  },
];

export function printDbReport(rows: readonly DbRow[], options: { json: boolean; lookups: number; reps: number }): void {
  if (options.json) {
    for (const r of rows) {
      printJsonLine({
        bench: 'db',
        dialect: r.dialect,
        rows: r.rows,
        writers: r.writers,
        insert_rows_per_s: k(r.insertRowsPerS),
        lookups_per_s: k(r.lookupsPerS),
        signal_rows_per_s: k(r.signalRowsPerS),
        lookups_per_s_by_kind: Object.fromEntries(LOOKUP_KINDS.map((kind) => [kind, k(r.lookupPerS[kind])])),
        lookups: options.lookups,
        reps: options.reps,
        db_mib: round(r.dbMb, 0),
        peak_rss_mib: round(r.peakRssMb, 0),
      });
    }
    return;
  }
  process.stdout.write(`${formatTable(COLUMNS, rows)}\n`);
  process.stdout.write(
    `\nLookups: ${options.lookups} per kind, one at a time on one connection, median of ${options.reps} reps; ` +
      'lookups/s is the rate of an even mix of the four kinds.\n',
  );
}
