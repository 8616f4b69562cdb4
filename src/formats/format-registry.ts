/**
 * The hash-list formats `vigil import` and `vigil export` know, by name. A format reads a file
 * into rows and rejections (never throwing for a bad row) and/or writes rows; `auto` picks the
 * reader from the file's first bytes. VICS JSON plugs in here as one more entry.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { AppError } from '../domain/app-error.js';
import { readHashList } from './hash-list.reader.js';
import { type CsvLayout, writeHashListCsv } from './hash-list.writer.js';
import type { HashListItem, HashListRow } from './hash-list-item.js';
import { readHma } from './hma.reader.js';
import { looksLikeNsrl, readNsrl } from './nsrl.reader.js';
import { readLines } from './text-lines.js';
import { looksLikeVics, readVicsHashList, readVicsHashListBatches, writeVicsHashList } from './vics-hash-list.js';

export interface ImportFormat {
  readonly name: string;
  readonly description: string;
  /** Known-good lists (NSRL) fill a known-good set and carry no categories. */
  readonly knownGood: boolean;
  /** Whether the file's first few KiB (BOM removed) look like this format. */
  sniff(head: string): boolean;
  read(path: string): AsyncIterable<HashListItem>;
  /** The same items in batches, where the reader has them so (fewer async steps an item). */
  readBatches?(path: string): AsyncIterable<HashListItem[]>;
}

export interface ExportFormat {
  readonly name: string;
  readonly description: string;
  /** Hash-only whatever is asked (Baseline). */
  readonly alwaysHashOnly: boolean;
  write(rows: AsyncIterable<HashListRow>, out: Writable, options: { hashOnly: boolean }): Promise<number>;
}

const firstLine = (head: string) => head.split(/\r?\n/).find((l) => l.trim() !== '' && !/^\s*(#|\/\/)/.test(l)) ?? '';
const lines = (path: string) => readLines(createReadStream(path, { encoding: 'utf8' }));

const IMPORTS: ImportFormat[] = [
  {
    name: 'vics',
    description: 'Project VIC VICS JSON 1.x/2.0, #Media hash sets and #Cases exports (one row per Media)',
    knownGood: false,
    sniff: looksLikeVics,
    read: (path) => readVicsHashList(path),
    readBatches: (path) => readVicsHashListBatches(path),
  },
  {
    name: 'nsrl',
    description: 'NSRL RDS known-good list (RDS 2.x NSRLFile.txt, or RDSv3 exported to CSV)',
    knownGood: true,
    sniff: (head) => looksLikeNsrl(firstLine(head)),
    read: (path) => readNsrl(lines(path)),
  },
  {
    name: 'hma',
    description: 'Meta/HMA-style PDQ list: signal_type,signal_value or hash,quality',
    knownGood: false,
    sniff: (head) =>
      /^\s*"?signal_type"?\s*[,\t]/i.test(firstLine(head)) || /^[0-9a-fA-F]{64},\d{1,3}(,|$)/.test(firstLine(head)),
    read: (path) => readHma(lines(path)),
  },
  {
    name: 'csv',
    description: 'plain or CSV hash list: md5/sha1/sha256/pdq, optional quality, category, series',
    knownGood: false,
    sniff: () => true,
    read: (path) => readHashList(lines(path)),
  },
];

const EXPORTS: ExportFormat[] = [
  {
    name: 'vics',
    description: 'VICS JSON 2.0 #Media: MD5, SHA1, Category, Series; SHA-256 and PDQ as AlternativeHashes',
    alwaysHashOnly: false,
    write: writeVicsHashList,
  },
  {
    name: 'csv',
    description: 'md5,sha1,sha256,pdq,quality,category,series (hash-only: without series)',
    alwaysHashOnly: false,
    write: (rows, out, o) => writeHashListCsv(rows, out, o.hashOnly ? 'hash-only' : ('full' satisfies CsvLayout)),
  },
  {
    name: 'baseline',
    description: 'hashes of Baseline material only: md5,sha1,sha256,pdq',
    alwaysHashOnly: true,
    write: (rows, out) => writeHashListCsv(rows, out, 'baseline'),
  },
];

/** Adds a format (VICS registers itself this way); names are unique. */
export function registerImportFormat(format: ImportFormat): void {
  if (IMPORTS.some((f) => f.name === format.name))
    throw new AppError('internal', `Import format "${format.name}" twice.`);
  // Before the catch-all `csv`, which sniffs true.
  IMPORTS.splice(IMPORTS.length - 1, 0, format);
}

export function registerExportFormat(format: ExportFormat): void {
  if (EXPORTS.some((f) => f.name === format.name))
    throw new AppError('internal', `Export format "${format.name}" twice.`);
  EXPORTS.push(format);
}

export function importFormats(): readonly ImportFormat[] {
  return IMPORTS;
}

export function exportFormats(): readonly ExportFormat[] {
  return EXPORTS;
}

/** The file's first 4 KiB as text: UTF-8, or UTF-16 when a byte order mark says so (older VICS exporters). */
async function head(path: string): Promise<{ text: string; utf16: boolean }> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const encoding =
      bytes[0] === 0xff && bytes[1] === 0xfe
        ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? 'utf-16be'
          : 'utf-8';
    // A cut at 4 KiB may split a character; the decoder's replacement character there is harmless for sniffing.
    const text = new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
    return { text, utf16: encoding !== 'utf-8' };
  } finally {
    await file.close();
  }
}

/** The named format, or for `auto` the first whose sniff accepts the file. */
export async function importFormatFor(name: string, path: string): Promise<ImportFormat> {
  if (name !== 'auto') {
    const found = IMPORTS.find((f) => f.name === name);
    if (!found) {
      throw new AppError(
        'bad-usage',
        `Unknown import format "${name}"; known: auto, ${IMPORTS.map((f) => f.name).join(', ')}.`,
      );
    }
    return found;
  }
  const { text, utf16 } = await head(path).catch((cause) => {
    throw new AppError(
      'unreadable-file',
      `Cannot read the file to import (${(cause as NodeJS.ErrnoException).code ?? cause}).`,
    );
  });
  // A picture, archive or database read as lines gives a rejection per line and an empty set.
  if (!utf16 && text.includes('\u0000')) {
    throw new AppError(
      'unsupported-format',
      'The file holds binary data (NUL bytes), not a text hash list; nothing was imported. Check that it is the right file.',
    );
  }
  const format = IMPORTS.find((f) => f.sniff(text)) as ImportFormat;
  // Only the VICS reader transcodes UTF-16; the line readers would see noise.
  if (utf16 && format.name !== 'vics') {
    throw new AppError(
      'unsupported-format',
      `The file is UTF-16 text and looks like a ${format.name} list; save it as UTF-8 and import it again.`,
    );
  }
  return format;
}

export function exportFormat(name: string): ExportFormat {
  const found = EXPORTS.find((f) => f.name === name);
  if (!found)
    throw new AppError(
      'bad-usage',
      `Unknown export format "${name}"; known: ${EXPORTS.map((f) => f.name).join(', ')}.`,
    );
  return found;
}
