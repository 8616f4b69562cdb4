/**
 * `writeVics`: Media entries out as a VICS JSON file, streamed (one entry serialised at a time,
 * written in ~256 KiB pieces, waiting for `drain` when the stream asks), in 1.x form
 * (`odata.metadata`) or 2.0 form (`@odata.context`, Default/US/UK). With `caseInfo` the file is
 * a `#Cases` export of one case, otherwise a `#Media` hash set. Known fields are written by the
 * tables of vics-fields.ts (times as ISO 8601 UTC, numeric categories as numbers), then each
 * record's `extra` fields as they were read, so read → write keeps every field.
 *
 * `hashOnly`: nothing but hashes and categories — MD5, SHA1, PhotoDNA, Category and the
 * AlternativeHashes' names and values; no ids, sizes, paths, names, times, comments, tags,
 * series, EXIF, metadata, case fields or unknown fields. Always a `#Media` file.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { type VicsModel, vicsContext } from './vics-context.js';
import { type FieldSpec, MEDIA_CHILDREN, MEDIA_FIELDS } from './vics-fields.js';
import type { VicsExtra, VicsFlavour, VicsMedia, VicsVersion } from './vics-media.js';

export interface WriteVicsOptions {
  version: VicsVersion;
  /** For 2.0 (default `Default`); 1.x files have none. */
  flavour?: VicsFlavour;
  hashOnly?: boolean;
  /** Write a `#Cases` export of one case with these fields (`CaseID`, `CaseNumber`, …). */
  caseInfo?: VicsExtra;
}

export interface WriteVicsResult {
  written: number;
}

const PIECE = 256 * 1024;
type AnySpec = FieldSpec<Record<string, unknown>>;

/** Every name a known field or child list is written under, folded, so `extra` cannot repeat one. */
const KNOWN = new Set(
  [...MEDIA_FIELDS.map((f) => f.json), ...MEDIA_CHILDREN.map((c) => c.json)].map((k) => k.toLowerCase()),
);

const MEDIA_SPECS = MEDIA_FIELDS as readonly AnySpec[];
const HASH_SPECS = MEDIA_SPECS.filter((f) => f.hash);
const CHILD_KNOWN = new Map(
  MEDIA_CHILDREN.map((c) => [c.prop, new Set((c.fields as readonly AnySpec[]).map((f) => f.json.toLowerCase()))]),
);

function encode(spec: AnySpec, value: unknown): unknown {
  if (spec.kind === 'date') return value instanceof Date ? value.toISOString() : value;
  if (spec.kind === 'category' && typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return value;
}

function writeRecord(record: Record<string, unknown>, fields: readonly AnySpec[], out: Record<string, unknown>): void {
  for (const spec of fields) {
    const value = record[spec.prop];
    if (value !== null && value !== undefined) out[spec.json] = encode(spec, value);
  }
}

function withExtra(out: Record<string, unknown>, extra: VicsExtra, known: ReadonlySet<string>): void {
  for (const key in extra) if (!known.has(key.toLowerCase())) out[key] = extra[key];
}

/** The JSON object of one Media entry, fields in VICS order. */
export function vicsMediaObject(media: VicsMedia, hashOnly = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = media as unknown as Record<string, unknown>;
  if (hashOnly) {
    writeRecord(record, HASH_SPECS, out);
    const hashes = media.alternativeHashes.filter((h) => h.hashName && h.hashValue);
    if (hashes.length > 0)
      out.AlternativeHashes = hashes.map((h) => ({ HashName: h.hashName, HashValue: h.hashValue }));
    return out;
  }
  writeRecord(record, MEDIA_SPECS, out);
  for (const child of MEDIA_CHILDREN) {
    const list = record[child.prop] as Record<string, unknown>[];
    if (list.length === 0) continue;
    const childFields = child.fields as readonly AnySpec[];
    const known = CHILD_KNOWN.get(child.prop) as ReadonlySet<string>;
    out[child.json] = list.map((item) => {
      const o: Record<string, unknown> = {};
      writeRecord(item, childFields, o);
      withExtra(o, item.extra as VicsExtra, known);
      return o;
    });
  }
  withExtra(out, media.extra, KNOWN);
  return out;
}

function opening(options: WriteVicsOptions): { head: string; tail: string } {
  const cases = options.caseInfo !== undefined && !options.hashOnly;
  const model: VicsModel = {
    version: options.version,
    flavour: options.version.startsWith('1.') ? 'Default' : (options.flavour ?? 'Default'),
    entitySet: cases ? 'Cases' : 'Media',
  };
  const { key, url } = vicsContext(model);
  const top = `{${JSON.stringify(key)}:${JSON.stringify(url)},"value":[`;
  if (!cases) return { head: `${top}\n`, tail: '\n]}\n' };
  const info = { ...options.caseInfo };
  for (const k of Object.keys(info)) if (k.toLowerCase() === 'media') delete info[k];
  const fields = JSON.stringify(info).slice(1, -1);
  return { head: `${top}{${fields}${fields ? ',' : ''}"Media":[\n`, tail: '\n]}]}\n' };
}

/** Writes the file to `out` and resolves when all of it is handed to the stream; does not end `out`. */
export async function writeVics(
  media: AsyncIterable<VicsMedia> | Iterable<VicsMedia>,
  out: Writable,
  options: WriteVicsOptions,
): Promise<WriteVicsResult> {
  const { head, tail } = opening(options);
  const hashOnly = options.hashOnly === true;
  let piece = head;
  let written = 0;
  const flush = async () => {
    if (!out.write(piece)) await once(out, 'drain');
    piece = '';
  };
  for await (const m of media) {
    piece += `${written === 0 ? '' : ',\n'}${JSON.stringify(vicsMediaObject(m, hashOnly))}`;
    written++;
    if (piece.length >= PIECE) await flush();
  }
  piece += tail;
  await flush();
  return { written };
}
