/**
 * The resumable upload loop (issues #7, #9): a file goes up in chunks through an upload session;
 * a chunk that fails (connection lost, the hub busy or restarting) is retried from the offset the
 * hub says it holds, a few times with growing pauses, so a dropped connection costs at most the
 * chunk in flight, never the file. A pause is the hub's `Retry-After` when it sends one (another
 * request holds the session), else the next fixed one. A session that holds every byte but has no
 * upload yet (the hub died before storing it) is finished with `finish`, not sent more chunks. A
 * refusal a retry cannot fix (413, 403, …) ends the file at once. The transport is passed in (XHR
 * and the API client in the browser, a fake in unit tests).
 */
import { ApiError } from '../api/client.js';

export const CHUNK_BYTES = 8 * 1024 * 1024;
/** Pauses before each retry of a failed chunk; one more failure after the last ends the file. */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000, 10_000, 30_000];

export interface SessionView {
  id: string;
  offset: number;
  upload: { jobId: number } | null;
}

export interface ChunkTransport {
  open(): Promise<SessionView>;
  status(id: string): Promise<SessionView>;
  /** Sends bytes [start, end) of the file; `onSent` gets the bytes of this chunk sent so far. */
  put(id: string, start: number, end: number, onSent: (sent: number) => void): Promise<SessionView>;
  /** Asks the hub to store a session that holds every byte (`Content-Range: bytes *\/size`, no body). */
  finish(id: string): Promise<SessionView>;
}

/** The longest `Retry-After` honoured: a longer one (a misconfigured proxy) waits this long. */
export const MAX_RETRY_AFTER_MS = 120_000;

export interface ChunkOptions {
  chunkBytes?: number;
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

/** Worth another try: the connection, a conflict about the offset, the hub overloaded or failing. */
function retriable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}

/** The pause before the next try: the hub's `Retry-After`, else the fixed pause for this failure. */
function pauseAfter(error: unknown, fixed: number): number {
  const seconds = error instanceof ApiError ? error.retryAfterSeconds : undefined;
  return seconds === undefined ? fixed : Math.min(seconds * 1_000, MAX_RETRY_AFTER_MS);
}

export async function sendInChunks(
  size: number,
  transport: ChunkTransport,
  onProgress: (sent: number) => void,
  options: ChunkOptions = {},
): Promise<{ jobId: number }> {
  const chunk = Math.max(1, options.chunkBytes ?? CHUNK_BYTES);
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let session = await transport.open();
  let failures = 0;
  while (!session.upload) {
    const start = session.offset;
    try {
      session =
        start >= size
          ? await transport.finish(session.id)
          : await transport.put(session.id, start, Math.min(start + chunk, size), (sent) => onProgress(start + sent));
      failures = 0;
    } catch (error) {
      if (!retriable(error) || failures >= delays.length) throw error;
      await sleep(pauseAfter(error, delays[failures++] ?? 0));
      // Where the hub got to: what arrived of the failed chunk is kept there.
      session = await transport.status(session.id).catch(() => session);
    }
    onProgress(session.offset);
  }
  return { jobId: session.upload.jobId };
}
