/**
 * Helpers for the upload and ingest tests: an exhibit of an agency, benign generated pictures
 * (PNG, a JPEG re-encoding of the same pixels as a near-duplicate), a multipart body as a browser
 * or curl sends it, and waiting for jobs to finish.
 */
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { CaseRepository } from '../../src/storage/case.repository.js';
import type { ApiClient, ApiResponse, Json, ServerSuite } from '../support/http-harness.js';
import { blobs } from '../support/patterns.js';

let counter = 0;

export async function anExhibit(suite: ServerSuite, agencyId: number): Promise<number> {
  const n = ++counter;
  const cases = new CaseRepository(suite.vigil.database.db);
  const c = await cases.createCase({ agencyId, reference: `upload-case-${n}-${process.pid}`, title: 'Upload test' });
  return (await cases.createExhibit({ caseId: c.id, label: `upload exhibit ${n}` })).id;
}

const raw = (seed: number) => {
  const px = blobs(400, 300, seed);
  return sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } });
};

/** A smooth generated picture, PNG. */
export const picturePng = (seed: number) => raw(seed).png().toBuffer();
/** The same picture as a JPEG: other bytes, nearly the same PDQ. */
export const pictureJpeg = (seed: number) => raw(seed).jpeg({ quality: 80 }).toBuffer();
/** Starts like a JPEG, then nothing a decoder can use. */
export const corruptJpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2_000)]);

export const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface UploadPart {
  name: string;
  data: Buffer;
  /** The form field (default "file"). */
  field?: string;
}

/** A multipart/form-data body and its content type. */
export function multipart(parts: readonly UploadPart[]): { body: Buffer; contentType: string } {
  const boundary = `----vigil-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'file'}"; filename="${p.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(client: ApiClient, exhibitId: number, parts: readonly UploadPart[]): Promise<ApiResponse> {
  const { body, contentType } = multipart(parts);
  return client.request('POST', `/api/v1/exhibits/${exhibitId}/uploads`, body, { 'content-type': contentType });
}

/**
 * Polls GET /api/v1/jobs/:id until every job is done or failed, then reads them all once more.
 * The polls run side by side, so one job's answer can carry batch counts from before a later job
 * finished; once all are finished nothing moves, and the last read is one consistent picture.
 */
export async function finished(client: ApiClient, ids: readonly number[], ms = 60_000): Promise<Json[]> {
  const end = Date.now() + ms;
  const over = (r: ApiResponse) => r.status === 200 && (r.body.status === 'done' || r.body.status === 'failed');
  for (;;) {
    const all = await Promise.all(ids.map((id) => client.get(`/api/v1/jobs/${id}`)));
    if (all.every(over)) {
      const settled = await Promise.all(ids.map((id) => client.get(`/api/v1/jobs/${id}`)));
      return settled.map((r) => r.body);
    }
    if (Date.now() > end) throw new Error(`jobs not finished: ${JSON.stringify(all.map((r) => r.body))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
