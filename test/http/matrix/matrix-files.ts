/**
 * Files the matrix sends to the upload routes: a generated picture (smooth blobs, benign) and a
 * small hash list, each wrapped in a multipart body with a part named "file".
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { blobs } from '../../support/patterns.js';
import { multipartFile } from '../lookup-world.js';
import type { MatrixRequest } from './matrix-case.js';

let picture: Promise<Buffer> | null = null;

/** A 96×64 PNG of blobs, made once per process. */
export function matrixPicture(): Promise<Buffer> {
  picture ??= (async () => {
    const px = blobs(96, 64, 11);
    const raw = { width: px.width, height: px.height, channels: px.channels };
    return sharp(Buffer.from(px.data), { raw }).png().toBuffer();
  })();
  return picture;
}

/** A CSV hash list of one fresh MD5 and PDQ (Project VIC category 1). */
export function matrixHashList(): Buffer {
  return Buffer.from(
    `md5,pdq,quality,category\n${randomBytes(16).toString('hex')},${randomBytes(32).toString('hex')},90,1\n`,
  );
}

export function fileRequest(
  url: string,
  bytes: Buffer,
  filename: string,
  contentType: string,
  fields: Record<string, string> = {},
): MatrixRequest {
  const { payload, headers } = multipartFile(bytes, filename, contentType, fields);
  return { method: 'POST', url, body: payload, headers };
}
