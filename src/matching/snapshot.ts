/**
 * Index snapshot format: loads fast (typed arrays are stored raw, 8-byte aligned) and is never
 * trusted blindly (a SHA-256 over everything before it; a corrupt or truncated file is a typed
 * `corrupt-snapshot` error, so the caller rebuilds from the database).
 *
 *   "VIGILIDX" | u32 version | u32 header bytes | header JSON | pad to 8 | section … | SHA-256
 *
 * The header names the index kind, its metadata (layout, checkpoint) and each section's type and
 * element count. Integers are little-endian (the byte order of every platform Node runs on).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../domain/app-error.js';

const MAGIC = 'VIGILIDX';
const VERSION = 1;
const DIGEST_BYTES = 32;

export type SnapshotArray = Uint8Array | Uint16Array | Uint32Array;
type SectionType = 'u8' | 'u16' | 'u32';

interface Header {
  kind: string;
  meta: Record<string, unknown>;
  sections: Array<{ type: SectionType; length: number }>;
}

const CTORS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array } as const;

function typeOf(a: SnapshotArray): SectionType {
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Uint16Array) return 'u16';
  return 'u8';
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

/** The error for a snapshot that must not be used: the caller rebuilds from the source data. */
export function corruptSnapshot(why: string): AppError {
  return new AppError('corrupt-snapshot', `Index snapshot is not usable (${why}); rebuild it from the source data.`);
}

/** The byte pieces of a snapshot, in order, without the trailing digest. */
export function snapshotParts(kind: string, meta: Record<string, unknown>, arrays: SnapshotArray[]): Uint8Array[] {
  const header: Header = { kind, meta, sections: arrays.map((a) => ({ type: typeOf(a), length: a.length })) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(16);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(VERSION, 8);
  prefix.writeUInt32LE(json.length, 12);
  const parts: Uint8Array[] = [prefix, json, new Uint8Array(pad8(16 + json.length))];
  for (const a of arrays) {
    parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(pad8(a.byteLength)));
  }
  return parts;
}

export function writeSnapshot(kind: string, meta: Record<string, unknown>, arrays: SnapshotArray[]): Uint8Array {
  const parts = snapshotParts(kind, meta, arrays);
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return Buffer.concat([...parts, hash.digest()]);
}

/** Parses and checks the fixed prefix and header JSON; returns the header and where sections start. */
export function parseHeader(head: Uint8Array, totalBytes: number): { header: Header; bodyStart: number } {
  if (totalBytes < 16 + DIGEST_BYTES) throw corruptSnapshot('file too short');
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.toString('latin1', 0, 8) !== MAGIC) throw corruptSnapshot('not an index snapshot');
  if (b.readUInt32LE(8) !== VERSION) throw corruptSnapshot(`format version ${b.readUInt32LE(8)}, expected ${VERSION}`);
  const jsonLength = b.readUInt32LE(12);
  if (16 + jsonLength > Math.min(b.length, totalBytes - DIGEST_BYTES)) throw corruptSnapshot('header cut short');
  let header: Header;
  try {
    header = JSON.parse(b.toString('utf8', 16, 16 + jsonLength)) as Header;
  } catch {
    throw corruptSnapshot('header is not valid JSON');
  }
  if (!Array.isArray(header.sections) || typeof header.kind !== 'string')
    throw corruptSnapshot('header lacks sections');
  const bodyStart = 16 + jsonLength + pad8(16 + jsonLength);
  let expected = bodyStart + DIGEST_BYTES;
  for (const s of header.sections) {
    if (!(s.type in CTORS) || !Number.isSafeInteger(s.length) || s.length < 0)
      throw corruptSnapshot('bad section entry');
    const bytes = s.length * CTORS[s.type].BYTES_PER_ELEMENT;
    expected += bytes + pad8(bytes);
  }
  if (expected !== totalBytes) throw corruptSnapshot(`size is ${totalBytes} bytes, the header describes ${expected}`);
  return { header, bodyStart };
}

export interface Snapshot {
  meta: Record<string, unknown>;
  arrays: SnapshotArray[];
}

/**
 * Checks and decodes an in-memory snapshot. Arrays are views of `bytes` where aligned (no copy:
 * a file read whole loads at disk speed), copies otherwise; either way `bytes` must not be reused.
 */
export function readSnapshot(bytes: Uint8Array, kind: string): Snapshot {
  const { header, bodyStart } = parseHeader(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), bytes.length);
  const digest = createHash('sha256')
    .update(bytes.subarray(0, bytes.length - DIGEST_BYTES))
    .digest();
  if (!digest.equals(bytes.subarray(bytes.length - DIGEST_BYTES))) throw corruptSnapshot('checksum mismatch');
  if (header.kind !== kind) throw corruptSnapshot(`it holds a ${header.kind} index, not ${kind}`);
  const arrays: SnapshotArray[] = [];
  let at = bodyStart;
  for (const s of header.sections) {
    const ctor = CTORS[s.type];
    const byteLength = s.length * ctor.BYTES_PER_ELEMENT;
    if ((bytes.byteOffset + at) % ctor.BYTES_PER_ELEMENT === 0) {
      arrays.push(new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, s.length));
    } else {
      const copy = new ctor(s.length);
      new Uint8Array(copy.buffer).set(bytes.subarray(at, at + byteLength));
      arrays.push(copy);
    }
    at += byteLength + pad8(byteLength);
  }
  return { meta: header.meta, arrays };
}
