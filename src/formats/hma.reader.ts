/**
 * Meta-style PDQ lists, as HMA and the ThreatExchange tools exchange them: either a header with
 * `signal_type,signal_value` (other columns ignored; `pdq` rows read, `md5`/`video_md5` as MD5,
 * other signal types rejected), or `hash,quality[,…]` lines as `pdq-photo-hasher` writes them
 * (with or without that header). Streams line by line; a bad line is rejected, never fatal.
 */
import { detectSeparator, type Separator, splitCsvLine } from './csv-fields.js';
import { isComment, readHashList } from './hash-list.reader.js';
import { emptyRow, type HashListItem, rejected } from './hash-list-item.js';
import { normaliseHex } from './hex-hash.js';
import { headerKey } from './list-layout.js';
import type { TextLine } from './text-lines.js';

const KINDS: Record<string, 'pdq' | 'md5'> = { pdq: 'pdq', md5: 'md5', videomd5: 'md5' };

function signalRow(type: string, value: string, line: number): HashListItem {
  const kind = KINDS[headerKey(type)];
  if (!kind) return rejected(line, 'malformed-row', `signal type "${type.slice(0, 40)}" is not one Vigil lists`);
  const hex = normaliseHex(kind, value);
  if (!hex.ok) return rejected(line, hex.code, hex.reason);
  return { kind: 'row', line, row: { ...emptyRow(), [kind]: hex.value } };
}

async function* signalLines(
  lines: AsyncIterator<TextLine>,
  separator: Separator,
  typeAt: number,
  valueAt: number,
): AsyncGenerator<HashListItem> {
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const { number, text } = next.value;
    if (isComment(text)) continue;
    const fields = splitCsvLine(text, separator);
    if (!fields) yield rejected(number, 'malformed-row', 'a quoted field is not closed');
    else yield signalRow(fields[typeAt] ?? '', fields[valueAt] ?? '', number);
  }
}

async function* rest(first: TextLine, lines: AsyncIterator<TextLine>): AsyncGenerator<TextLine> {
  yield first;
  for (let next = await lines.next(); !next.done; next = await lines.next()) yield next.value;
}

export async function* readHma(lines: AsyncIterable<TextLine>): AsyncGenerator<HashListItem> {
  const it = lines[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && isComment(first.value.text)) first = await it.next();
  if (first.done) return;
  const separator = detectSeparator(first.value.text);
  const keys = (splitCsvLine(first.value.text, separator) ?? []).map(headerKey);
  const typeAt = keys.indexOf('signaltype');
  const valueAt = keys.findIndex((k) => k === 'signalvalue' || k === 'signal');
  if (typeAt >= 0 && valueAt >= 0) {
    yield* signalLines(it, separator, typeAt, valueAt);
    return;
  }
  // `hash,quality`: the generic reader with 64-digit hex as PDQ; a `hash` header means PDQ too.
  const renamed =
    keys[0] === 'hash' ? { ...first.value, text: first.value.text.replace(/^[^,\t;|]*/, 'pdq') } : first.value;
  yield* readHashList(rest(renamed, it), { hash64: 'pdq' });
}
