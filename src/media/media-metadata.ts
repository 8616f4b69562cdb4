/**
 * The metadata Vigil keeps from a media file (EXIF, XMP, IPTC and maker notes, as ExifTool reads
 * them), normalised into one typed record: each field from the first tag that has a usable value,
 * in a fixed order of preference, else `null`. Nothing is inferred: no time zone from GPS, no
 * position from a time zone. Pure: `normaliseMetadata` takes ExifTool's JSON (read with `-G`, so
 * keys are `Group:Tag`) and returns the record.
 */
import { type CaptureTime, parseCaptureTime, parseIptcDateTime } from './capture-time.js';

export type { CaptureTime } from './capture-time.js';

export interface GpsPosition {
  /** Decimal degrees, south negative. */
  latitude: number;
  /** Decimal degrees, west negative. */
  longitude: number;
  /** Metres above sea level (below is negative); `null` when absent. */
  altitudeM: number | null;
}

export interface MediaMetadata {
  cameraMake: string | null;
  cameraModel: string | null;
  /** Body serial number (EXIF BodySerialNumber, maker notes, XMP aux). Links media of one device. */
  cameraSerial: string | null;
  lensModel: string | null;
  lensSerial: string | null;
  /** When the picture was taken (original, else digitised), with its zone only if the file states it. */
  capturedAt: CaptureTime | null;
  gps: GpsPosition | null;
  /** Software that wrote the file (EXIF Software, else XMP CreatorTool). */
  software: string | null;
  /** EXIF orientation 1–8 (1 = as stored); `null` when absent or out of range. */
  orientation: number | null;
  /** Pixel size of the main image as the file declares it. */
  width: number | null;
  height: number | null;
}

export type RawTags = Record<string, unknown>;

/** Longest text kept from any tag; longer values are cut (metadata is attacker-controlled). */
export const MAX_TEXT = 256;

/** The tags read, in ExifTool's names. `#` asks for the numeric value (no print conversion). */
export const METADATA_TAGS = [
  'Make',
  'Model',
  'SerialNumber',
  'LensModel',
  'Lens',
  'LensSerialNumber',
  'DateTimeOriginal',
  'SubSecTimeOriginal',
  'OffsetTimeOriginal',
  'CreateDate',
  'SubSecTimeDigitized',
  'OffsetTimeDigitized',
  'DateCreated',
  'TimeCreated',
  'Composite:GPSLatitude#',
  'Composite:GPSLongitude#',
  'Composite:GPSAltitude#',
  'XMP:GPSLatitude#',
  'XMP:GPSLongitude#',
  'XMP:GPSAltitude#',
  'Software',
  'CreatorTool',
  'Orientation#',
  'Composite:ImageSize#',
] as const;

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? null : clean.slice(0, MAX_TEXT);
}

/** First usable text among the keys, in order. */
function firstText(tags: RawTags, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = text(tags[key]);
    if (value !== null) return value;
  }
  return null;
}

function finite(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function captureTime(tags: RawTags): CaptureTime | null {
  return (
    parseCaptureTime(tags['EXIF:DateTimeOriginal'], 'EXIF:DateTimeOriginal', {
      subSec: tags['EXIF:SubSecTimeOriginal'],
      offset: tags['EXIF:OffsetTimeOriginal'],
    }) ??
    parseCaptureTime(tags['XMP:DateTimeOriginal'], 'XMP:DateTimeOriginal') ??
    parseCaptureTime(tags['XMP:DateCreated'], 'XMP:DateCreated') ??
    parseIptcDateTime(tags['IPTC:DateCreated'], tags['IPTC:TimeCreated'], 'IPTC:DateCreated') ??
    parseCaptureTime(tags['EXIF:CreateDate'], 'EXIF:CreateDate', {
      subSec: tags['EXIF:SubSecTimeDigitized'],
      offset: tags['EXIF:OffsetTimeDigitized'],
    }) ??
    parseCaptureTime(tags['XMP:CreateDate'], 'XMP:CreateDate')
  );
}

function gpsFrom(tags: RawTags, group: 'Composite' | 'XMP'): GpsPosition | null {
  const latitude = finite(tags[`${group}:GPSLatitude`]);
  const longitude = finite(tags[`${group}:GPSLongitude`]);
  if (latitude === null || longitude === null) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  // Many devices write 0,0 when they had no fix; it is never a real position worth a lead.
  if (latitude === 0 && longitude === 0) return null;
  // Composite:GPSAltitude carries the sign of the altitude reference (below sea level); XMP's own does not.
  const altitudeM = finite(tags['Composite:GPSAltitude']) ?? finite(tags[`${group}:GPSAltitude`]);
  return { latitude, longitude, altitudeM };
}

function imageSize(tags: RawTags): { width: number | null; height: number | null } {
  const m = /^(\d+)[ x](\d+)$/.exec(String(tags['Composite:ImageSize'] ?? '').trim());
  if (!m) return { width: null, height: null };
  const width = Number(m[1]);
  const height = Number(m[2]);
  return width > 0 && height > 0 ? { width, height } : { width: null, height: null };
}

export function normaliseMetadata(tags: RawTags): MediaMetadata {
  const orientation = finite(tags['EXIF:Orientation']);
  return {
    cameraMake: firstText(tags, ['EXIF:Make', 'XMP:Make', 'MakerNotes:Make']),
    cameraModel: firstText(tags, ['EXIF:Model', 'XMP:Model', 'MakerNotes:Model']),
    cameraSerial: firstText(tags, ['EXIF:SerialNumber', 'MakerNotes:SerialNumber', 'XMP:SerialNumber']),
    lensModel: firstText(tags, ['EXIF:LensModel', 'XMP:LensModel', 'MakerNotes:LensModel', 'XMP:Lens']),
    lensSerial: firstText(tags, ['EXIF:LensSerialNumber', 'XMP:LensSerialNumber', 'MakerNotes:LensSerialNumber']),
    capturedAt: captureTime(tags),
    gps: gpsFrom(tags, 'Composite') ?? gpsFrom(tags, 'XMP'),
    software: firstText(tags, ['EXIF:Software', 'XMP:CreatorTool', 'XMP:Software']),
    orientation:
      orientation !== null && Number.isInteger(orientation) && orientation >= 1 && orientation <= 8
        ? orientation
        : null,
    ...imageSize(tags),
  };
}

/** A record with every field unknown (what a file without metadata gives). */
export const EMPTY_METADATA: MediaMetadata = normaliseMetadata({});
