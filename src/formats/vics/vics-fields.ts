/**
 * The VICS fields Vigil reads into named properties, in the order it writes them, with the kind
 * of value each holds. One table per record type serves both the reader and the writer, so a
 * field is read and written the same way. Fields not listed here stay in the record's `extra`.
 */
import type { VicsAlternativeHash, VicsMedia, VicsMediaFile, VicsProperty, VicsSegment } from './vics-media.js';

export type FieldKind = 'id' | 'category' | 'md5' | 'sha1' | 'count' | 'date' | 'text' | 'bool';

export interface FieldSpec<T> {
  /** The name in the file (PascalCase, as VICS writes it; read case-insensitively). */
  json: string;
  prop: keyof T & string;
  kind: FieldKind;
  /** Written in hash-only exports. */
  hash?: true;
}

type Scalars<T> = Omit<T, 'extra'>;

export const MEDIA_FIELDS: readonly FieldSpec<Scalars<VicsMedia>>[] = [
  { json: 'MediaID', prop: 'mediaId', kind: 'id' },
  { json: 'Category', prop: 'category', kind: 'category', hash: true },
  { json: 'MD5', prop: 'md5', kind: 'md5', hash: true },
  { json: 'SHA1', prop: 'sha1', kind: 'sha1', hash: true },
  { json: 'MediaSize', prop: 'mediaSize', kind: 'count' },
  { json: 'DateUpdated', prop: 'dateUpdated', kind: 'date' },
  { json: 'MimeType', prop: 'mimeType', kind: 'text' },
  { json: 'RelativeFilePath', prop: 'relativeFilePath', kind: 'text' },
  { json: 'VictimIdentified', prop: 'victimIdentified', kind: 'bool' },
  { json: 'OffenderIdentified', prop: 'offenderIdentified', kind: 'bool' },
  { json: 'IsDistributed', prop: 'isDistributed', kind: 'bool' },
  { json: 'IsSuspected', prop: 'isSuspected', kind: 'bool' },
  { json: 'SelfGenerated', prop: 'selfGenerated', kind: 'bool' },
  { json: 'IsPrecategorized', prop: 'isPrecategorized', kind: 'bool' },
  { json: 'PrecategorizationSource', prop: 'precategorizationSource', kind: 'text' },
  { json: 'Comments', prop: 'comments', kind: 'text' },
  { json: 'Tags', prop: 'tags', kind: 'text' },
  { json: 'Series', prop: 'series', kind: 'text' },
  { json: 'PhotoDNA', prop: 'photoDna', kind: 'text', hash: true },
];

export const MEDIA_FILE_FIELDS: readonly FieldSpec<Scalars<VicsMediaFile>>[] = [
  { json: 'FileName', prop: 'fileName', kind: 'text' },
  { json: 'FilePath', prop: 'filePath', kind: 'text' },
  { json: 'Created', prop: 'created', kind: 'date' },
  { json: 'Written', prop: 'written', kind: 'date' },
  { json: 'Accessed', prop: 'accessed', kind: 'date' },
  { json: 'Unallocated', prop: 'unallocated', kind: 'bool' },
  { json: 'Deleted', prop: 'deleted', kind: 'bool' },
  { json: 'PhysicalLocation', prop: 'physicalLocation', kind: 'count' },
];

export const ALTERNATIVE_HASH_FIELDS: readonly FieldSpec<Scalars<VicsAlternativeHash>>[] = [
  { json: 'HashName', prop: 'hashName', kind: 'text', hash: true },
  { json: 'HashValue', prop: 'hashValue', kind: 'text', hash: true },
];

export const PROPERTY_FIELDS: readonly FieldSpec<Scalars<VicsProperty>>[] = [
  { json: 'PropertyName', prop: 'propertyName', kind: 'text' },
  { json: 'PropertyValue', prop: 'propertyValue', kind: 'text' },
];

export const SEGMENT_FIELDS: readonly FieldSpec<Scalars<VicsSegment>>[] = [
  { json: 'Start', prop: 'start', kind: 'text' },
  { json: 'End', prop: 'end', kind: 'text' },
  { json: 'Category', prop: 'category', kind: 'category' },
];

/** The child lists of a Media entry: VICS name, property, and the table of its records. */
export const MEDIA_CHILDREN = [
  { json: 'MediaFiles', prop: 'mediaFiles', fields: MEDIA_FILE_FIELDS },
  { json: 'AlternativeHashes', prop: 'alternativeHashes', fields: ALTERNATIVE_HASH_FIELDS },
  { json: 'Exifs', prop: 'exifs', fields: PROPERTY_FIELDS },
  { json: 'Segments', prop: 'segments', fields: SEGMENT_FIELDS },
  { json: 'MediaMetadata', prop: 'mediaMetadata', fields: PROPERTY_FIELDS },
] as const;

/**
 * Hex digest lengths of alternative hashes Vigil checks and lower-cases by name; other names
 * (PhotoDNA, which is Base64) are kept as written.
 */
export const HEX_HASH_LENGTHS: Readonly<Record<string, number>> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  'sha-256': 64,
  sha512: 128,
  pdq: 64,
};

/** Name lookups: exact first, then case-insensitive. */
export function fieldIndex<T>(fields: readonly FieldSpec<T>[]): (key: string) => FieldSpec<T> | undefined {
  const exact = new Map(fields.map((f) => [f.json, f]));
  const folded = new Map(fields.map((f) => [f.json.toLowerCase(), f]));
  return (key) => exact.get(key) ?? folded.get(key.toLowerCase());
}
