/**
 * Which column of a hash list holds what, found from a header line (by name) or from the first
 * data line (by the length of its hex values), and one line read through that layout.
 */
import { emptyRow, type HashListItem, rejected } from './hash-list-item.js';
import { HEX_LENGTH, type ListHash, looksLikeHex, normaliseHex } from './hex-hash.js';

export type ColumnKind = ListHash | 'quality' | 'category' | 'series';

/** Column index → what it holds; other columns (paths, names, sizes) are ignored. */
export type Layout = Map<number, ColumnKind>;

const ALIASES: Record<string, ColumnKind> = {
  md5: 'md5',
  md5hash: 'md5',
  sha1: 'sha1',
  sha1hash: 'sha1',
  sha256: 'sha256',
  sha256hash: 'sha256',
  pdq: 'pdq',
  pdqhash: 'pdq',
  quality: 'quality',
  pdqquality: 'quality',
  category: 'category',
  cat: 'category',
  series: 'series',
  seriesname: 'series',
};

export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A layout from a header line, or null when the line is not one (it holds a hash, or no column
 * Vigil knows). `only` limits the columns taken (NSRL: hashes only).
 */
export function layoutFromHeader(fields: readonly string[], only?: readonly ColumnKind[]): Layout | null {
  if (fields.some(looksLikeHex)) return null;
  const layout: Layout = new Map();
  fields.forEach((f, i) => {
    const kind = ALIASES[headerKey(f)];
    if (kind && (!only || only.includes(kind)) && ![...layout.values()].includes(kind)) layout.set(i, kind);
  });
  return [...layout.values()].some((k) => k in HEX_LENGTH) ? layout : null;
}

const QUALITY = /^\s*(100|[1-9]?[0-9])\s*$/;

/**
 * A layout from a data line with no header: hex of 32 digits is MD5, 40 SHA-1, 64 SHA-256 (or PDQ
 * when `hash64` says so, or when a whole number 0–100 follows it, as `hash,quality` lists write).
 */
export function layoutFromData(fields: readonly string[], hash64: 'sha256' | 'pdq' = 'sha256'): Layout | null {
  const layout: Layout = new Map();
  fields.forEach((f, i) => {
    if (!looksLikeHex(f)) return;
    const length = f.trim().length;
    let kind: ListHash = length === 32 ? 'md5' : length === 40 ? 'sha1' : hash64;
    if (length === 64 && QUALITY.test(fields[i + 1] ?? '')) kind = 'pdq';
    if ([...layout.values()].includes(kind)) return;
    layout.set(i, kind);
    if (kind === 'pdq' && QUALITY.test(fields[i + 1] ?? '')) layout.set(i + 1, 'quality');
  });
  return layout.size > 0 ? layout : null;
}

/** One data line through the layout: an accepted row or the first reason it is not one. */
export function readRow(fields: readonly string[], layout: Layout, line: number): HashListItem {
  const row = emptyRow();
  let quality: string | null = null;
  for (const [index, kind] of layout) {
    const cell = (fields[index] ?? '').trim();
    if (cell === '') continue;
    if (kind === 'quality') quality = cell;
    else if (kind === 'category') row.category = cell;
    else if (kind === 'series') row.series = cell;
    else {
      const hex = normaliseHex(kind, cell);
      if (!hex.ok) return rejected(line, hex.code, hex.reason);
      row[kind] = hex.value;
    }
  }
  if (!row.md5 && !row.sha1 && !row.sha256 && !row.pdq) return rejected(line, 'no-hash', 'no hash on the line');
  if (quality !== null && row.pdq) {
    if (!QUALITY.test(quality)) return rejected(line, 'bad-quality', 'PDQ quality is not a whole number 0–100');
    row.pdqQuality = Number(quality);
  }
  return { kind: 'row', line, row };
}
