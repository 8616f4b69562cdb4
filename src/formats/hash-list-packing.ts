/**
 * A batch of hash-list items packed for the trip from a reading thread to the importing one
 * (read-in-worker.ts). Posting thousands of small row objects costs the receiver more to
 * deserialise (1.5–3 µs a row measured) than reading them back from one string of hex columns
 * (under 1 µs): hashes are hex, so a comma and a semicolon can never occur inside one. Items keep
 * their order: `kinds` says, item by item, whether the next row or the next rejection comes.
 * A row's segments are not carried (an import stores none).
 */
import type { HashListItem, HashListRow, RejectedItem } from './hash-list-item.js';

export interface PackedItems {
  /** One letter an item: `r` a row, `x` a rejection. */
  kinds: string;
  /** Each row's line number. */
  lines: number[];
  /** Each row's `md5,sha1,sha256,pdq` (empty for none), rows joined by `;`. */
  hashes: string;
  quality: (number | null)[];
  category: (string | null)[];
  series: (string | null)[];
  rejected: RejectedItem[];
}

export function packItems(items: readonly HashListItem[]): PackedItems {
  let kinds = '';
  const lines: number[] = [];
  const hashes: string[] = [];
  const quality: (number | null)[] = [];
  const category: (string | null)[] = [];
  const series: (string | null)[] = [];
  const rejected: RejectedItem[] = [];
  for (const item of items) {
    if (item.kind === 'rejected') {
      kinds += 'x';
      rejected.push(item);
      continue;
    }
    const row = item.row;
    kinds += 'r';
    lines.push(item.line);
    hashes.push(`${row.md5 ?? ''},${row.sha1 ?? ''},${row.sha256 ?? ''},${row.pdq ?? ''}`);
    quality.push(row.pdqQuality);
    category.push(row.category);
    series.push(row.series);
  }
  return { kinds, lines, hashes: hashes.join(';'), quality, category, series, rejected };
}

export function unpackItems(packed: PackedItems): HashListItem[] {
  const rows = packed.hashes === '' ? [] : packed.hashes.split(';');
  const items: HashListItem[] = new Array(packed.kinds.length);
  let r = 0;
  let x = 0;
  for (let i = 0; i < packed.kinds.length; i++) {
    if (packed.kinds.charCodeAt(i) === 0x78 /* x */) {
      items[i] = packed.rejected[x++];
      continue;
    }
    const [md5, sha1, sha256, pdq] = rows[r].split(',');
    const row: HashListRow = {
      md5: md5 || null,
      sha1: sha1 || null,
      sha256: sha256 || null,
      pdq: pdq || null,
      pdqQuality: packed.quality[r],
      category: packed.category[r],
      series: packed.series[r],
    };
    items[i] = { kind: 'row', line: packed.lines[r], row };
    r++;
  }
  return items;
}
