/**
 * A hash list to `POST /api/v1/hash-sets/{id}/import` with upload progress (XMLHttpRequest: fetch
 * cannot report it), the session cookie and CSRF token; answers the import's counts, or the
 * problem's message. A 401 ends the session in the app, as for calls through the API client.
 */
import { csrfHeader, signedOut } from '../api/client';
import { localText } from '../i18n/current';

export interface ImportCounts {
  format: string;
  accepted: number;
  rejected: number;
  inserted: number;
  duplicates: number;
  rejectedBy: Record<string, number>;
}

export function sendHashList(setId: number, file: File, onProgress: (fraction: number) => void): Promise<ImportCounts> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/hash-sets/${setId}/import`);
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onerror = () => reject(new Error(localText('error.connectionLost')));
    xhr.onload = () => {
      let body: Partial<ImportCounts> & { message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: fall through to the status message.
      }
      if (xhr.status === 200 && typeof body.accepted === 'number') resolve(body as ImportCounts);
      else if (xhr.status === 401) {
        signedOut();
        reject(new Error(body.message ?? localText('error.status', { status: xhr.status })));
      } else reject(new Error(body.message ?? localText('error.status', { status: xhr.status })));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
