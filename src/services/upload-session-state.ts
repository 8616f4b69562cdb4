/** What a resumable upload session is to its client: the byte range of a chunk, and the session's state. */
import type { UploadSessionRow } from '../storage/upload-session.repository.js';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
  total: number;
}

export interface SessionState {
  id: string;
  exhibitId: number;
  name: string;
  size: number;
  /** Bytes received so far: the next chunk starts here. */
  offset: number;
  /** Set once the whole file is in: the upload it became. */
  upload: { batch: string; jobId: number; sha256: string } | null;
}

export function stateOf(row: UploadSessionRow): SessionState {
  return {
    id: row.id,
    exhibitId: row.exhibit_id,
    name: row.name,
    size: row.size,
    offset: row.received,
    upload:
      row.job_id !== null && row.batch !== null && row.sha256 !== null
        ? { batch: row.batch, jobId: row.job_id, sha256: row.sha256 }
        : null,
  };
}
