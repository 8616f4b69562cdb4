/**
 * A media as the hub stores it, for the media view tests: a generated picture (benign: shapes and
 * text) stored in the encrypted media blob store, its media row, a 256-px WebP thumbnail in the
 * thumbnails store, and a sighting in a fresh exhibit of the given agency.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaThumbnailRepository } from '../../src/storage/media-thumbnail.repository.js';
import type { ServerSuite } from './http-harness.js';
import { textPng } from './patterns.js';

let counter = 0;

export interface StoredMedia {
  mediaId: number;
  exhibitId: number;
  caseId: number;
  sha256: string;
  bytes: Buffer;
  thumbnail: Buffer;
}

const digest = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');

/** `content: false` keeps only the hashes and the thumbnail (as a hash-only import would). */
export async function storeMedia(
  suite: ServerSuite,
  agencyId: number,
  options: { content?: boolean; path?: string } = {},
): Promise<StoredMedia> {
  const n = ++counter;
  // The text may run off the picture; the corner block makes each picture unique whatever fonts draw.
  const block = {
    create: { width: 16, height: 16, channels: 3 as const, background: { r: n % 256, g: n >> 8, b: 99 } },
  };
  const bytes = await sharp(await textPng(`No. ${n}`, 320, 200))
    .composite([{ input: block, left: 0, top: 0 }])
    .png()
    .toBuffer();
  const sha256 = digest('sha256', bytes);
  const { database, blobs } = suite.vigil;
  if (options.content !== false) await blobs.media.put(bytes, { expectedSha256: sha256 });
  const thumbnail = await sharp(bytes).resize(256).webp({ quality: 80 }).toBuffer();
  const thumb = await blobs.thumbnails.put(thumbnail);
  const media = new MediaRepository(database.db, database.dialect);
  const row = await media.insert({
    sha256,
    md5: digest('md5', bytes),
    sha1: digest('sha1', bytes),
    size: bytes.length,
    mime: 'image/png',
    width: 320,
    height: 200,
  });
  await new MediaThumbnailRepository(database.db).set(row.id, {
    blobSha256: thumb.sha256,
    mime: 'image/webp',
    width: 256,
    height: 160,
  });
  const cases = new CaseRepository(database.db);
  const theCase = await cases.createCase({ agencyId, reference: `MEDIA-${n}`, title: 'Media fixture' });
  const exhibit = await cases.createExhibit({ caseId: theCase.id, label: 'disk-1' });
  await media.addSighting({ mediaId: row.id, exhibitId: exhibit.id, path: options.path ?? `/evidence/item-${n}.png` });
  return { mediaId: row.id, exhibitId: exhibit.id, caseId: theCase.id, sha256, bytes, thumbnail };
}
