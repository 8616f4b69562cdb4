/**
 * Writes hash lists as CSV, streamed with back-pressure: `md5,sha1,sha256,pdq,quality,category,
 * series` (Vigil's CSV, which its own reader reads back), or hash-only (no series: nothing but
 * hashes and categories), or the Baseline layout (hashes only: `md5,sha1,sha256,pdq`).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvLine } from './csv-fields.js';
import type { HashListRow } from './hash-list-item.js';

export type CsvLayout = 'full' | 'hash-only' | 'baseline';

const HEADERS: Record<CsvLayout, string[]> = {
  full: ['md5', 'sha1', 'sha256', 'pdq', 'quality', 'category', 'series'],
  'hash-only': ['md5', 'sha1', 'sha256', 'pdq', 'quality', 'category'],
  baseline: ['md5', 'sha1', 'sha256', 'pdq'],
};

export function csvCells(row: HashListRow, layout: CsvLayout): (string | number | null)[] {
  const hashes = [row.md5, row.sha1, row.sha256, row.pdq];
  if (layout === 'baseline') return hashes;
  const withCategory = [...hashes, row.pdq ? row.pdqQuality : null, row.category];
  return layout === 'full' ? [...withCategory, row.series] : withCategory;
}

/** Writes the header and every row; resolves with the number of rows once all are handed to `out`. */
export async function writeHashListCsv(
  rows: AsyncIterable<HashListRow>,
  out: Writable,
  layout: CsvLayout,
): Promise<number> {
  let n = 0;
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(HEADERS[layout].join(','));
  for await (const row of rows) {
    await write(csvLine(csvCells(row, layout)));
    n++;
  }
  return n;
}
