/**
 * The bytes of a VICS file as UTF-8 chunks: from a path (read in 1 MiB chunks) or any byte
 * stream, without the UTF-8 byte order mark some Windows tools write, and with UTF-16 files
 * (older exporters wrote UTF-16LE with a BOM) transcoded on the fly.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { AppError } from '../../domain/app-error.js';

export type VicsSource = string | Readable | AsyncIterable<Uint8Array>;

const CHUNK = 1 << 20;

function utf16Of(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

function openFile(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: CHUNK });
}

async function* raw(source: VicsSource): AsyncGenerator<Buffer> {
  const input = typeof source === 'string' ? openFile(source) : source;
  try {
    for await (const chunk of input) {
      if (typeof chunk === 'string') throw new AppError('bad-usage', 'A VICS stream must carry bytes, not text.');
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('unreadable-file', `The VICS file could not be read${code ? ` (${code})` : ''}.`, {
      cause: err,
    });
  }
}

/** UTF-8 chunks of the file, BOM removed. The first chunk holds at least 4 bytes unless the file is shorter. */
export async function* vicsBytes(source: VicsSource): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  let decoder: TextDecoder | null = null;
  for await (const chunk of raw(source)) {
    if (head !== null) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) continue;
      const utf16 = utf16Of(head);
      let body = head;
      head = null;
      if (utf16) {
        decoder = new TextDecoder(utf16);
        body = body.subarray(2);
      } else if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
      yield decoder ? Buffer.from(decoder.decode(body, { stream: true }), 'utf8') : body;
      continue;
    }
    yield decoder ? Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8') : chunk;
  }
  if (head !== null && head.length > 0) {
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    yield bom ? head.subarray(3) : head;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
  }
}
