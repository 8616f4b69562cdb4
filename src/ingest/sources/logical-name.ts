/**
 * Names as they appear in logical paths, and the safety check on names read from archives.
 *
 * A name is kept lossless: valid UTF-8 is kept as text, except that `%`, `!`, control characters
 * (C0, DEL and C1), the invisible characters that reorder or break displayed text (bidirectional
 * overrides, isolates and marks, line and paragraph separators) and every byte that is not part
 * of valid UTF-8 are written `%XX` (upper-case hex, each byte). So `!/` in a logical path always
 * separates archive levels, a name cannot pass for another in a report (`‮gnp.exe` shown as
 * `exe.png`) or move a terminal's cursor, and the raw bytes can always be recovered (`decodeName`).
 */

const HEX = '0123456789ABCDEF';

function pct(byte: number): string {
  return `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
}

/** Length of the valid UTF-8 sequence starting at i (1–4), or 0 when the bytes there are not one. */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    if (c === 0xe0 && b[i + 1] < 0xa0) return 0; // overlong
    if (c === 0xed && b[i + 1] >= 0xa0) return 0; // surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c === 0xf0 && b[i + 1] < 0x90) return 0; // overlong
    if (c === 0xf4 && b[i + 1] >= 0x90) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

const decoder = new TextDecoder('utf-8');

/** C1 controls, bidirectional marks, embeddings, overrides and isolates, line/paragraph separators. */
const HIDDEN = /^[\u0080-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]$/;

/** One path component (no `/` inside) as logical-path text. */
export function encodeName(raw: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    const n = utf8Length(raw, i);
    if (n === 0 || c < 0x20 || c === 0x7f || c === 0x25 || c === 0x21) {
      out += pct(c);
      i++;
    } else if (n === 1) {
      out += String.fromCharCode(c);
      i++;
    } else {
      const text = decoder.decode(raw.subarray(i, i + n));
      out += HIDDEN.test(text) ? Array.from(raw.subarray(i, i + n), pct).join('') : text;
      i += n;
    }
  }
  return out;
}

/** The raw bytes of a name written by `encodeName`. */
export function decodeName(text: string): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('%', i);
    const end = at < 0 ? text.length : at;
    if (end > i) parts.push(Buffer.from(text.slice(i, end), 'utf8'));
    if (at < 0) break;
    parts.push(Buffer.from([Number.parseInt(text.slice(at + 1, at + 3), 16)]));
    i = at + 3;
  }
  return Buffer.concat(parts);
}

export type EntryName = { ok: true; directory: boolean; path: string } | { ok: false; reason: string; shown: string };

/**
 * Checks a name read from an archive and turns it into a relative logical path. Refused:
 * absolute paths, drive letters (`C:`), UNC paths and any `..` component, with `\` read as `/`.
 */
export function checkEntryName(raw: Uint8Array): EntryName {
  const bytes = Buffer.from(raw).map((b) => (b === 0x5c ? 0x2f : b));
  const shown = encodeName(bytes);
  if (bytes.length === 0) return { ok: false, reason: 'empty entry name', shown: '(empty)' };
  if (bytes[0] === 0x2f) return { ok: false, reason: 'absolute path', shown };
  if (bytes.length >= 2 && bytes[1] === 0x3a && /[A-Za-z]/.test(String.fromCharCode(bytes[0])))
    return { ok: false, reason: 'drive letter', shown };
  const components: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x2f) continue;
    const part = bytes.subarray(start, i);
    start = i + 1;
    if (part.length === 0 || (part.length === 1 && part[0] === 0x2e)) continue;
    if (part.length === 2 && part[0] === 0x2e && part[1] === 0x2e)
      return { ok: false, reason: 'path leaves the archive (..)', shown };
    components.push(encodeName(part));
  }
  const directory = bytes[bytes.length - 1] === 0x2f;
  if (components.length === 0 && !directory) return { ok: false, reason: 'empty entry name', shown };
  return { ok: true, directory, path: components.join('/') };
}
