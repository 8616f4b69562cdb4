/**
 * One file to an exhibit through a resumable upload session (chunked-send.ts): the session is
 * opened and asked with the typed API client; each chunk is a `PUT` of raw bytes with
 * `Content-Range`, by XMLHttpRequest for its progress (fetch cannot report it), with the session
 * cookie and CSRF token; an empty `PUT` with `bytes *\/size` finishes a session that holds every
 * byte. A problem response becomes an ApiError with its message in the app's language where the
 * code is known (i18n/problem-text.ts), the hub's otherwise, and its `Retry-After`.
 */
import { api, apiErrorOf, csrfHeader, signedOut, unwrap } from '../api/client';
import { localText } from '../i18n/current';
import { CHUNK_BYTES, type ChunkTransport, type SessionView, sendInChunks } from './chunked-send';

/** The chunk size; end-to-end tests set `globalThis.vigilUploadChunkBytes` to see several chunks of a small file. */
function chunkBytes(): number {
  const knob = (globalThis as { vigilUploadChunkBytes?: unknown }).vigilUploadChunkBytes;
  return typeof knob === 'number' && knob > 0 ? knob : CHUNK_BYTES;
}

/** One PUT of the session: a chunk of bytes, or with no body and `bytes *\/size` to finish it. */
function putToSession(
  id: string,
  bytes: Blob | null,
  range: string,
  onSent: (sent: number) => void,
): Promise<SessionView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/v1/upload-sessions/${id}`);
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Content-Range', range);
    xhr.upload.onprogress = (event) => onSent(event.loaded);
    xhr.onerror = () => reject(new Error(localText('error.connectionLost')));
    xhr.onload = () => {
      let body: SessionView & { code?: string; message?: string; details?: Record<string, unknown> };
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {} as typeof body;
      }
      if (xhr.status === 200 || xhr.status === 202) resolve(body);
      else {
        if (xhr.status === 401) signedOut();
        reject(apiErrorOf(xhr.status, body, xhr.getResponseHeader('Retry-After'), 'error'));
      }
    };
    xhr.send(bytes);
  });
}

export function sendFile(
  exhibitId: number,
  file: File,
  /** Where the file sat in what was chosen or dropped ("folder/sub/name.jpg"), kept as its path. */
  path: string,
  onProgress: (sent: number) => void,
): Promise<{ jobId: number }> {
  const transport: ChunkTransport = {
    open: () =>
      unwrap(
        api.POST('/api/v1/exhibits/{id}/upload-sessions', {
          params: { path: { id: exhibitId } },
          body: { name: path, size: file.size },
        }),
      ),
    status: (id) => unwrap(api.GET('/api/v1/upload-sessions/{id}', { params: { path: { id } } })),
    put: (id, start, end, onSent) =>
      putToSession(id, file.slice(start, end), `bytes ${start}-${end - 1}/${file.size}`, onSent),
    finish: (id) => putToSession(id, null, `bytes */${file.size}`, () => {}),
  };
  return sendInChunks(file.size, transport, onProgress, { chunkBytes: chunkBytes() });
}
