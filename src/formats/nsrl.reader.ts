/**
 * NSRL RDS known-good lists: the SHA-1 and MD5 columns (and SHA-256 where the file has it) of
 * the RDS 2.x `NSRLFile.txt` (`"SHA-1","MD5","CRC32","FileName",…`, upper-case hex, quoted) and
 * of RDSv3 exports to CSV (`sha256,sha1,md5,crc32,file_name,…`). File names, products and the
 * rest are not read: a known-good set holds hashes only. The header line is required.
 */

import { readHashList } from './hash-list.reader.js';
import type { HashListItem } from './hash-list-item.js';
import { headerKey } from './list-layout.js';
import type { TextLine } from './text-lines.js';

export function readNsrl(lines: AsyncIterable<TextLine>): AsyncGenerator<HashListItem> {
  return readHashList(lines, { only: ['sha256', 'sha1', 'md5'], requireHeader: true });
}

/** An NSRL header: hash columns beside CRC32 or a product/package column. */
export function looksLikeNsrl(firstLine: string): boolean {
  const keys = firstLine.split(/[,\t]/).map(headerKey);
  return (
    (keys.includes('sha1') || keys.includes('md5')) &&
    (keys.includes('crc32') || keys.includes('productcode') || keys.includes('packageid'))
  );
}
