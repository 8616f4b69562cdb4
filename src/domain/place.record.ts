/**
 * Places (a location, with optional coordinates) and clues (an annotated detail on a media,
 * optionally a crop box), DESIGN.md §2. Times are milliseconds since the Unix epoch (UTC).
 */

export interface Place {
  id: number;
  agencyId: number;
  name: string;
  description: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string | null;
  /** WGS 84 degrees; both set or both null. */
  latitude: number | null;
  longitude: number | null;
  createdAt: number;
}

/** Free text in the database; these are the kinds the interface offers. */
export const CLUE_KINDS = ['object', 'text', 'logo', 'language', 'sound', 'other'] as const;
export type ClueKind = (typeof CLUE_KINDS)[number];

/** A rectangle in the media's pixels, from the top-left corner. */
export interface CropBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Clue {
  id: number;
  agencyId: number;
  mediaId: number;
  kind: ClueKind;
  description: string;
  crop: CropBox | null;
  createdAt: number;
}
