/**
 * The SignalType seam (DESIGN.md §4): one object per kind of hash. Values are plain strings,
 * normalised once at the edge (lower-case hex, fixed length).
 */

/** What a signal type can be computed from: any file's bytes, or a decoded image / video. */
export type ContentKind = 'file' | 'image' | 'video';

export interface SignalValue {
  type: string;
  value: string;
  /** 0–100 for perceptual hashes; absent for cryptographic ones. */
  quality?: number;
}

export interface SignalFromFileOptions {
  /** Perceptual types: decode with shrink-on-load (see README, "fast mode"). */
  fast?: boolean;
}

export interface SignalType {
  /** Registry name, lower_snake, unique: md5, sha1, sha256, pdq, … */
  readonly name: string;
  readonly contentTypes: readonly ContentKind[];
  /** True when only identical values match (cryptographic hashes). */
  readonly exact: boolean;
  /** Largest distance still counted as a match by default (0 for exact types). */
  readonly defaultThreshold: number;
  /** Largest possible distance (the hash length in bits for Hamming types, 1 for exact ones). */
  readonly maxDistance: number;
  /** Normalised value, or an `invalid-signal` AppError saying what is wrong. */
  normalize(value: string): string;
  isValid(value: string): boolean;
  /** Distance between two valid values: Hamming bits, or 0/1 (equal/different) for exact types. */
  distance(a: string, b: string): number;
  fromFile(path: string, options?: SignalFromFileOptions): Promise<SignalValue>;
}
