/**
 * VICS JSON as a hash-list format: each Media entry of a `#Media` hash set or a `#Cases` export
 * read as one row (MD5, SHA1, Category, Series, and SHA-256 and PDQ from AlternativeHashes), and
 * rows written back as a VICS 2.0 `#Media` file. This is the hash-set level only: case exports'
 * files, flags, EXIF and the rest are not stored in a hash set (see the README).
 */
import type { Writable } from 'node:stream';
import { emptyRow, type HashListItem, type HashListRow, rejected } from './hash-list-item.js';
import { alternativeHash, emptyVicsMedia, readVicsBatches, type VicsMedia, writeVics } from './vics/index.js';

/**
 * The entry's row. Its hex values were checked, trimmed and lower-cased by the parse (readHex,
 * for MD5, SHA1 and the alternative hashes named SHA256, SHA-256 and PDQ): a bad one rejected
 * the entry there, naming the field.
 */
function rowOf(media: VicsMedia, index: number): HashListItem {
  const row = emptyRow();
  row.md5 = media.md5;
  row.sha1 = media.sha1;
  row.sha256 = alternativeHash(media, 'SHA256') || alternativeHash(media, 'SHA-256') || null;
  row.pdq = alternativeHash(media, 'PDQ') || null;
  if (!row.md5 && !row.sha1 && !row.sha256 && !row.pdq)
    return rejected(index, 'no-hash', 'the Media entry has no hash');
  row.category = media.category;
  row.series = media.series;
  return { kind: 'row', line: index, row };
}

/** Rows of a VICS file in batches (as the reader reads them); `line` is the Media entry's index from 0. */
export async function* readVicsHashListBatches(path: string): AsyncGenerator<HashListItem[]> {
  for await (const items of readVicsBatches(path, { only: 'hash-set' })) {
    const out: HashListItem[] = [];
    for (const item of items) {
      if (item.kind === 'media') out.push(rowOf(item.media, item.index));
      else if (item.kind === 'rejected') {
        out.push(rejected(item.index, 'malformed-row', item.field ? `${item.field}: ${item.reason}` : item.reason));
      }
    }
    if (out.length > 0) yield out;
  }
}

/** Rows of a VICS file one at a time. */
export async function* readVicsHashList(path: string): AsyncGenerator<HashListItem> {
  for await (const items of readVicsHashListBatches(path)) yield* items;
}

/** A hash-list row as a VICS Media entry (hashes, category, series, segments). */
export function mediaOf(row: HashListRow): VicsMedia {
  const media = emptyVicsMedia();
  media.md5 = row.md5;
  media.sha1 = row.sha1;
  media.category = row.category;
  media.series = row.series;
  if (row.sha256) media.alternativeHashes.push({ hashName: 'SHA256', hashValue: row.sha256, extra: {} });
  if (row.pdq) media.alternativeHashes.push({ hashName: 'PDQ', hashValue: row.pdq, extra: {} });
  for (const s of row.segments ?? []) {
    media.segments.push({ start: vicsTime(s.start), end: vicsTime(s.end), category: row.category, extra: {} });
  }
  return media;
}

/** Seconds as VICS writes a segment's bound: HH:MM:SS, with .mmm when not whole. */
export function vicsTime(seconds: number): string {
  const ms = Math.round(Math.max(0, seconds) * 1000);
  const s = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const whole = `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return ms % 1000 === 0 ? whole : `${whole}.${String(ms % 1000).padStart(3, '0')}`;
}

export async function writeVicsHashList(
  rows: AsyncIterable<HashListRow>,
  out: Writable,
  options: { hashOnly: boolean },
): Promise<number> {
  async function* media() {
    for await (const row of rows) yield mediaOf(row);
  }
  const { written } = await writeVics(media(), out, { version: '2.0', hashOnly: options.hashOnly });
  return written;
}

export function looksLikeVics(head: string): boolean {
  return /^\s*\{/.test(head) && /odata\.(metadata|context)/i.test(head.slice(0, 4096));
}
