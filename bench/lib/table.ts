/**
 * Output helpers shared by the benches: an aligned text table for people, one JSON object per
 * line for machines, and status lines on stderr so stdout stays clean for either.
 */

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
  /** Numbers are right-aligned by default, text left-aligned. */
  align?: 'left' | 'right';
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '-';
  return value;
}

/** Formats rows as an aligned table with a header and a rule under it. */
export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const text = cells.map((line) => line.map(cell));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...text.map((line) => line[i].length)));
  const alignOf = (i: number) =>
    columns[i].align ?? (cells.some((line) => typeof line[i] === 'number') ? 'right' : 'left');
  const pad = (s: string, i: number) => (alignOf(i) === 'right' ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const lines = [
    columns.map((c, i) => pad(c.header, i)).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...text.map((line) => line.map(pad).join('  ')),
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** One JSON object on its own line on stdout (JSON Lines). */
export function printJsonLine(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A progress or status message: stderr, so that stdout holds only the results. */
export function status(message: string): void {
  process.stderr.write(`${message}\n`);
}
