/**
 * One VICS Media object (already `JSON.parse`d) into a `VicsMedia`: known fields read by the
 * tables of vics-fields.ts, everything else kept verbatim in `extra`. A value that cannot be
 * read, or an entry without any hash, is a rejection naming the field; nothing is guessed.
 */
import {
  type FieldKind,
  type FieldSpec,
  fieldIndex,
  HEX_HASH_LENGTHS,
  MEDIA_CHILDREN,
  MEDIA_FIELDS,
} from './vics-fields.js';
import { emptyVicsMedia, type VicsMedia } from './vics-media.js';
import { Bad, readBool, readCategory, readCount, readDate, readHex, readId, readText } from './vics-values.js';

export type MediaParse = { ok: true; media: VicsMedia } | { ok: false; field?: string; reason: string };

const READERS: Record<FieldKind, (v: unknown) => unknown> = {
  id: readId,
  category: readCategory,
  md5: (v) => readHex(v, 32),
  sha1: (v) => readHex(v, 40),
  count: readCount,
  date: readDate,
  text: readText,
  bool: readBool,
};

class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const mediaField = fieldIndex(MEDIA_FIELDS);
const childByName = new Map<string, (typeof MEDIA_CHILDREN)[number]>(
  MEDIA_CHILDREN.flatMap((c) => [
    [c.json, c],
    [c.json.toLowerCase(), c],
  ]),
);
type AnySpec = FieldSpec<Record<string, unknown>>;
const childField = new Map(MEDIA_CHILDREN.map((c) => [c.prop, fieldIndex(c.fields as readonly AnySpec[])]));

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `prefix` names the child record (`MediaFiles[0]`); the path is only built for an error. */
function readField<T>(spec: FieldSpec<T>, value: unknown, list?: string, index?: number): unknown {
  const got = READERS[spec.kind](value);
  if (got instanceof Bad) throw new FieldError(list ? `${list}[${index}].${spec.json}` : spec.json, got.reason);
  return got;
}

/** A record of a child list: every known field (null when absent), the rest in `extra`. */
function readChild(raw: unknown, child: (typeof MEDIA_CHILDREN)[number], index: number): Record<string, unknown> {
  if (!isObject(raw)) throw new FieldError(`${child.json}[${index}]`, 'not an object');
  const lookup = childField.get(child.prop) as (key: string) => AnySpec | undefined;
  const out: Record<string, unknown> = {};
  for (const f of child.fields) out[f.prop] = null;
  const extra: Record<string, unknown> = {};
  for (const key in raw) {
    const spec = lookup(key);
    if (spec) out[spec.prop] = readField(spec, raw[key], child.json, index);
    else extra[key] = raw[key];
  }
  out.extra = extra;
  return out;
}

function readChildren(child: (typeof MEDIA_CHILDREN)[number], value: unknown): Record<string, unknown>[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new FieldError(child.json, 'not a list');
  const out = new Array<Record<string, unknown>>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = readChild(value[i], child, i);
  return out;
}

/** Checks and lower-cases the values of hex algorithms (PDQ, SHA-256, …) by their name. */
function normaliseAlternativeHashes(media: VicsMedia): void {
  media.alternativeHashes.forEach((h, i) => {
    const length = h.hashName ? HEX_HASH_LENGTHS[h.hashName.trim().toLowerCase()] : undefined;
    if (length === undefined || h.hashValue === null) return;
    const hex = readHex(h.hashValue, length);
    if (hex instanceof Bad) throw new FieldError(`AlternativeHashes[${i}].HashValue`, `${h.hashName}: ${hex.reason}`);
    h.hashValue = hex;
  });
}

function hasHash(media: VicsMedia): boolean {
  return (
    media.md5 !== null ||
    media.sha1 !== null ||
    media.photoDna !== null ||
    media.alternativeHashes.some((h) => h.hashValue !== null && h.hashValue !== '')
  );
}

/**
 * What a hash set keeps of an entry (vics-hash-list.ts): its hashes (PhotoDNA too, so that an
 * entry with only a PhotoDNA is told apart from one with none), category and series.
 */
const HASH_SET_PROPS: ReadonlySet<string> = new Set([
  'md5',
  'sha1',
  'photoDna',
  'category',
  'series',
  'alternativeHashes',
]);

/**
 * `only: 'hash-set'` reads just the fields a hash set keeps and skips the rest unread (dates,
 * files, EXIF, unknown fields): a third of the work, and a bad value in a skipped field does not
 * reject the entry.
 */
export function parseVicsMedia(raw: unknown, only: 'all' | 'hash-set' = 'all'): MediaParse {
  if (!isObject(raw)) return { ok: false, reason: 'the entry is not an object' };
  const media = emptyVicsMedia();
  const record = media as unknown as Record<string, unknown>;
  const skip = only === 'hash-set';
  try {
    for (const key in raw) {
      const value = raw[key];
      const spec = mediaField(key);
      if (spec) {
        if (!skip || HASH_SET_PROPS.has(spec.prop)) record[spec.prop] = readField(spec, value);
        continue;
      }
      const child = childByName.get(key) ?? childByName.get(key.toLowerCase());
      if (child) {
        if (!skip || HASH_SET_PROPS.has(child.prop)) record[child.prop] = readChildren(child, value);
      } else if (!skip) media.extra[key] = value;
    }
    normaliseAlternativeHashes(media);
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, field: err.field, reason: err.reason };
    throw err;
  }
  if (!hasHash(media)) return { ok: false, reason: 'no hash: neither MD5, SHA1, PhotoDNA nor an alternative hash' };
  return { ok: true, media };
}
