/**
 * Media, their signals and sightings (DESIGN.md §2). Hash values are lower-case hex; times are
 * milliseconds since the Unix epoch (UTC).
 */

/** One unique content item, identified by SHA-256. */
export interface Media {
  id: number;
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  mime: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  createdAt: number;
}

/** A hash of a media under a signal type (`pdq`, `vpdq`, …), stored as a string. */
export interface Signal {
  id: number;
  mediaId: number;
  type: string;
  value: string;
  quality: number | null;
}

/** Camera details read from a media's metadata; the serial links media shot by one device. */
export interface CameraInfo {
  make: string | null;
  model: string | null;
  serial: string | null;
  /** When the picture was taken, where the metadata says so. */
  takenAt: number | null;
}

/** One occurrence of a media in an exhibit. */
export interface Sighting {
  id: number;
  mediaId: number;
  exhibitId: number;
  agencyId: number;
  /** Path within the exhibit (evidence: never logged). */
  path: string;
  fileCreatedAt: number | null;
  fileModifiedAt: number | null;
  fileAccessedAt: number | null;
  seenAt: number;
}

/** What a video is, as ffprobe tells it (stored with its vPDQ in media_videos). */
export interface VideoFacts {
  /** Container as ffprobe names it (e.g. "mov,mp4,m4a,3gp,3g2,mj2"). */
  container: string;
  codec: string;
  width: number;
  height: number;
  frameRate: number;
  durationSeconds?: number;
  hasAudio: boolean;
}
