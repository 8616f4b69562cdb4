/**
 * Plain and CSV hash lists: one hash per line, or columns of MD5, SHA-1, SHA-256, PDQ with
 * optional quality, category and series. A header line names the columns (any order, any case,
 * `SHA-1` or `sha1`); without one, columns are told apart by the length of their hex. Blank lines
 * and comments (`#`, `//`) are skipped. Streams line by line; a bad line is rejected, never fatal.
 */
import { detectSeparator, type Separator, splitCsvLine } from './csv-fields.js';
import { type HashListItem, rejected } from './hash-list-item.js';
import { type ColumnKind, type Layout, layoutFromData, layoutFromHeader, readRow } from './list-layout.js';
import type { TextLine } from './text-lines.js';

export interface HashListReadOptions {
  /** What a bare 64-digit hex value is when no header says (default `sha256`). */
  hash64?: 'sha256' | 'pdq';
  /** Only these columns are read (NSRL: the hashes). */
  only?: readonly ColumnKind[];
  /** Refuse files without a header line (NSRL). */
  requireHeader?: boolean;
}

function plainLine(value: string, line: number, hash64: 'sha256' | 'pdq' = 'sha256'): HashListItem {
  const layout = layoutFromData([value], hash64);
  if (layout) return readRow([value], layout, line);
  const v = value.trim();
  if (!/^[0-9a-fA-F]+$/.test(v)) return rejected(line, 'malformed-hex', 'the value is not hexadecimal');
  return rejected(line, 'wrong-length', `the value has ${v.length} hex digits, not 32, 40 or 64`);
}

export function isComment(text: string): boolean {
  const t = text.trim();
  return t === '' || t.startsWith('#') || t.startsWith('//');
}

export async function* readHashList(
  lines: AsyncIterable<TextLine>,
  options: HashListReadOptions = {},
): AsyncGenerator<HashListItem> {
  let separator: Separator | null = null;
  let layout: Layout | null = null;
  let first = true;
  for await (const { number, text } of lines) {
    if (isComment(text)) continue;
    separator ??= detectSeparator(text);
    const fields = splitCsvLine(text, separator);
    if (!fields) {
      yield rejected(number, 'malformed-row', 'a quoted field is not closed');
      continue;
    }
    if (first) {
      first = false;
      const header = layoutFromHeader(fields, options.only);
      if (header) {
        layout = header;
        continue;
      }
      if (options.requireHeader) {
        yield rejected(number, 'malformed-row', 'the first line is not a header naming SHA-1 or MD5 columns');
        continue;
      }
    }
    if (!layout && fields.length === 1) {
      // A plain list: one hash a line, each line's own kind (MD5 and SHA-1 lists get mixed).
      yield plainLine(fields[0] ?? '', number, options.hash64);
      continue;
    }
    if (!layout) {
      layout = layoutFromData(fields, options.hash64);
      if (!layout) {
        yield rejected(number, 'malformed-row', 'no MD5, SHA-1, SHA-256 or PDQ value on the line');
        continue;
      }
    }
    yield readRow(fields, layout, number);
  }
}
