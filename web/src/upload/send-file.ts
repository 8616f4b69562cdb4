/**
 * One file to `POST /api/v1/exhibits/{id}/uploads` with upload progress (XMLHttpRequest: fetch
 * cannot report it), the session cookie and CSRF token; a problem response becomes its message.
 */
import { csrfHeader } from '../api/client';
import { localText } from '../i18n/current';

export function sendFile(
  exhibitId: number,
  file: File,
  /** Where the file sat in what was chosen or dropped ("folder/sub/name.jpg"), kept as its path. */
  path: string,
  onProgress: (sent: number) => void,
): Promise<{ jobId: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/exhibits/${exhibitId}/uploads`);
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onerror = () => reject(new Error(localText('error.connectionLost')));
    xhr.onload = () => {
      let body: { jobs?: { id: number }[]; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: fall through to the status message.
      }
      const job = body.jobs?.[0];
      if (xhr.status === 202 && job) resolve({ jobId: job.id });
      else reject(new Error(body.message ?? localText('error.status', { status: xhr.status })));
    };
    const form = new FormData();
    form.append('file', file, path);
    xhr.send(form);
  });
}
