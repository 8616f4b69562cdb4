/**
 * The normalised shape of one Project VIC VICS `Media` entry (versions 1.x and 2.0): hashes in
 * lower-case hex, flags as booleans, times as Dates, the category as the scheme's value string
 * (`"1"`, `"A"`), and every field Vigil does not know kept verbatim in `extra` so that a read
 * followed by a write loses nothing. `null` means absent or null in the file.
 */

/** A key → JSON value bag of fields as they were in the file. */
export type VicsExtra = Record<string, unknown>;

/** One occurrence of the media as a file (`MediaFiles`): many files may hold one media. */
export interface VicsMediaFile {
  fileName: string | null;
  filePath: string | null;
  created: Date | null;
  written: Date | null;
  accessed: Date | null;
  unallocated: boolean | null;
  deleted: boolean | null;
  physicalLocation: number | null;
  extra: VicsExtra;
}

/**
 * A hash under another algorithm (`AlternativeHashes`): Vigil carries PDQ here (`HashName`
 * `"PDQ"`), and reads SHA-256, PhotoDNA and others. Values of hex algorithms are lower-cased.
 */
export interface VicsAlternativeHash {
  hashName: string | null;
  hashValue: string | null;
  extra: VicsExtra;
}

/** A name/value pair (`Exifs`, `MediaMetadata`). */
export interface VicsProperty {
  propertyName: string | null;
  propertyValue: string | null;
  extra: VicsExtra;
}

/** A part of a video (`Segments`) with its own category. */
export interface VicsSegment {
  start: string | null;
  end: string | null;
  category: string | null;
  extra: VicsExtra;
}

export interface VicsMedia {
  /** As written: VICS writers use integers, some strings. */
  mediaId: number | string | null;
  /** The category scheme's value as a string; null also when `isPrecategorized` without one. */
  category: string | null;
  md5: string | null;
  sha1: string | null;
  mediaSize: number | null;
  dateUpdated: Date | null;
  mimeType: string | null;
  relativeFilePath: string | null;
  victimIdentified: boolean | null;
  offenderIdentified: boolean | null;
  isDistributed: boolean | null;
  isSuspected: boolean | null;
  selfGenerated: boolean | null;
  isPrecategorized: boolean | null;
  precategorizationSource: string | null;
  comments: string | null;
  tags: string | null;
  series: string | null;
  photoDna: string | null;
  mediaFiles: VicsMediaFile[];
  alternativeHashes: VicsAlternativeHash[];
  exifs: VicsProperty[];
  segments: VicsSegment[];
  mediaMetadata: VicsProperty[];
  extra: VicsExtra;
}

/** `1.x` files name their model with `odata.metadata`, `2.0` files with `@odata.context`. */
export type VicsVersion = '1.0' | '1.1' | '1.2' | '1.3' | '2.0';
export const VICS_VERSIONS: readonly VicsVersion[] = ['1.0', '1.1', '1.2', '1.3', '2.0'];

/** Version 2.0 comes in flavours; 1.x files are `Default`. */
export type VicsFlavour = 'Default' | 'US' | 'UK';
export const VICS_FLAVOURS: readonly VicsFlavour[] = ['Default', 'US', 'UK'];

/** What the file's `value` list holds: Media entries (a hash set) or cases with their Media. */
export type VicsEntitySet = 'Media' | 'Cases';

export interface VicsHeader {
  kind: 'header';
  version: VicsVersion;
  flavour: VicsFlavour;
  entitySet: VicsEntitySet;
  /** The `odata.metadata` / `@odata.context` URL as written. */
  context: string;
  /**
   * For case exports, one header per case, before its Media, with the case's own fields
   * (`CaseID`, `CaseNumber`, …) as written; repeated after the Media if fields follow them.
   */
  caseInfo?: VicsExtra;
}

export interface VicsRejected {
  kind: 'rejected';
  /** Position of the Media entry in the file, from 0, counting every entry across cases. */
  index: number;
  /** The VICS field at fault (`MD5`, `MediaFiles[0].Created`), when one is. */
  field?: string;
  reason: string;
}

export type VicsItem = VicsHeader | { kind: 'media'; index: number; media: VicsMedia } | VicsRejected;

/** A Media with every field empty: the base for building one in code. */
export function emptyVicsMedia(): VicsMedia {
  return {
    mediaId: null,
    category: null,
    md5: null,
    sha1: null,
    mediaSize: null,
    dateUpdated: null,
    mimeType: null,
    relativeFilePath: null,
    victimIdentified: null,
    offenderIdentified: null,
    isDistributed: null,
    isSuspected: null,
    selfGenerated: null,
    isPrecategorized: null,
    precategorizationSource: null,
    comments: null,
    tags: null,
    series: null,
    photoDna: null,
    mediaFiles: [],
    alternativeHashes: [],
    exifs: [],
    segments: [],
    mediaMetadata: [],
    extra: {},
  };
}

/** The value of the first alternative hash of that name (case-insensitive), e.g. `'PDQ'`. */
export function alternativeHash(media: VicsMedia, name: string): string | null {
  const want = name.toLowerCase();
  for (const h of media.alternativeHashes) if (h.hashName?.toLowerCase() === want) return h.hashValue;
  return null;
}
