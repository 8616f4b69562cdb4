/**
 * The shapes one file's scan passes around (scan-file.ts prepares and finishes, scan-store.ts
 * writes): where it scans into, the file handed in, what preparing found and what came out.
 */
import type { Kysely } from 'kysely';
import type { FileMatch } from '../domain/file-match.record.js';
import type { Media } from '../domain/media.record.js';
import type { MediaMetadata } from '../media/metadata.js';
import type { Thumbnail } from '../media/thumbnail.js';
import type { DihedralName } from '../signals/pdq/dihedral.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { DialectName } from '../storage/dialect-name.js';
import type { VigilSchema } from '../storage/schema.js';
import type { Decoder } from './decode-pool.js';
import type { KnownMaterial } from './known-material.js';
import type { VideoSource } from './known-videos.js';
import type { FileReader } from './read-pool.js';
import type { ListedIdentity } from './sources/source-types.js';
import type { FileStatus } from './triage.js';
import type { ScannedVideo } from './video-scan.js';

export interface ScanTarget {
  db: Kysely<VigilSchema>;
  dialect: DialectName;
  agencyId: number;
  exhibitId: number;
  /** Media created before this instant were known before the scan. */
  startedAt: number;
  /** Largest PDQ distance reported as a near-duplicate (default 31). */
  threshold: number;
  /** PDQ below this quality is stored but not matched (default 50). */
  minQuality: number;
  /** Where thumbnails go (encrypted); none made without it. */
  thumbnails?: BlobStore;
  /** Known videos a video is matched against (none: videos get no vPDQ matches). */
  videos?: VideoSource;
  /** Decodes pictures on worker threads (decode-pool.ts); without it they decode on this thread. */
  decoder?: Decoder;
  /** Reads and digests files on worker threads (read-pool.ts); without it, the main thread does. */
  reader?: FileReader;
  /** Where an in-memory video is written for ffmpeg while it is hashed (default: the OS temp folder). */
  tempDir?: string;
  /** More writes in the file's transaction once it is stored (the hub's alerts and audit event). */
  onStored?(trx: Kysely<VigilSchema>, stored: StoredFile): Promise<void>;
}

/** What a file's transaction has written when `onStored` runs. */
export interface StoredFile {
  mediaId: number;
  /** The media row was created by this file (not known before). */
  created: boolean;
  status: FileStatus;
}

/** Near-duplicate candidates of a picture: KnownMaterial, or the hub's live index. */
export type NearSource = Pick<KnownMaterial, 'near'>;

export interface ScanInputFile {
  /** Where to read it now. */
  path: string;
  /** The file's bytes when they are in memory already (an upload read from the blob store): `path` is then not read. */
  data?: Buffer;
  /** Which file a folder listing saw at `path`: only that file is read (a swapped name is an error). */
  listed?: ListedIdentity;
  /** Its path inside the exhibit, the key a resumed scan skips by. */
  logicalPath: string;
  modifiedAt?: number | null;
  /** Set when the source could not hand the file out (recorded as an error with this reason). */
  failure?: string;
  /** Called once the scan is done with the file (frees an archive entry's temp copy). */
  release?(): Promise<void>;
}

export interface FileOutcome {
  path: string;
  status: FileStatus;
  reasons: string[];
  size?: number;
  sha256?: string;
  md5?: string;
  sha1?: string;
  pdq?: string;
  quality?: number;
  mediaId?: number;
  /** What it matched, as data (the reasons say the same in words). */
  matches?: FileMatch[];
}

/** What the heavy, parallel part of a file's scan found (no database writes). */
export interface PreparedFile {
  file: ScanInputFile;
  size?: number;
  digests?: { sha256: string; md5: string; sha1: string };
  /** The media with this SHA-256, when it was already stored as the file was read. */
  existing?: Media;
  readError?: string;
  decoded?: {
    pdq: { hash: string; quality: number };
    dihedral?: Record<DihedralName, string>;
    image?: { format: string; width: number; height: number };
  };
  decodeError?: string;
  metadata?: MediaMetadata;
  metadataError?: string;
  thumbnail?: Thumbnail;
  /** A video's vPDQ, facts and stills (video-scan.ts), or why it could not be hashed. */
  video?: ScannedVideo;
  videoError?: string;
  /** MIME type by content, for videos (pictures take theirs from the decoder). */
  mime?: string;
}
