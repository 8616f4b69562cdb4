/**
 * Normalises one hash value from a list: trimmed, lower-cased, only hex digits, the exact length
 * of its kind. Returns the reason instead of throwing.
 */
import type { RejectCode } from './hash-list-item.js';

export type ListHash = 'md5' | 'sha1' | 'sha256' | 'pdq';

export const HEX_LENGTH: Record<ListHash, number> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

const HEX = /^[0-9a-f]+$/;

export type HexResult = { ok: true; value: string } | { ok: false; code: RejectCode; reason: string };

export function normaliseHex(kind: ListHash, raw: string): HexResult {
  const value = raw.trim().toLowerCase();
  if (!HEX.test(value)) return { ok: false, code: 'malformed-hex', reason: `${kind} is not hexadecimal` };
  const want = HEX_LENGTH[kind];
  if (value.length !== want) {
    return { ok: false, code: 'wrong-length', reason: `${kind} has ${value.length} hex digits, not ${want}` };
  }
  return { ok: true, value };
}

/** The hash kinds a bare hex value of this length could be (64 digits: SHA-256 or PDQ). */
export function kindsOfLength(length: number): ListHash[] {
  if (length === 32) return ['md5'];
  if (length === 40) return ['sha1'];
  if (length === 64) return ['sha256', 'pdq'];
  return [];
}

export function looksLikeHex(value: string): boolean {
  const v = value.trim();
  return v.length >= 32 && HEX.test(v.toLowerCase()) && kindsOfLength(v.length).length > 0;
}
