/**
 * `vigil scan --demo`: a made-up seizure of benign pattern pictures, written on the fly, and the
 * reference lists that make every status appear — a near-duplicate family (its PDQ is listed),
 * a known picture (its SHA-1 is listed), an ignorable one (known-good list), new families, a file
 * that is not a picture, a damaged picture and a link that leads out of the seizure (an error).
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { blobs } from '../media/synthetic-pictures.js';
import { digestBuffer } from '../signals/crypto/file-digests.js';
import { pdqFromImage } from '../signals/pdq/pdq-image.js';
import type { VigilDatabase } from '../storage/database.js';
import { HashSetRepository } from '../storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../storage/hash-set-entry.repository.js';
import { localUnit } from './local-unit.js';

export const DEMO_CASE = 'DEMO';

async function picture(seed: number, width = 800, height = 600): Promise<Buffer> {
  const px = blobs(width, height, seed);
  return sharp(Buffer.from(px.data), { raw: { width, height, channels: px.channels } })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** Writes the demo seizure under `dir` (once) and returns where it is. */
export async function writeDemoSeizure(dir: string): Promise<string> {
  const root = join(dir, 'seizure');
  if (existsSync(root)) return root;
  const files: Record<string, Buffer | string> = {};
  const a = await picture(101);
  files['family-a/smaller.jpg'] = await sharp(a).resize(400, 300).jpeg({ quality: 80 }).toBuffer();
  files['family-a/turned.jpg'] = await sharp(a).rotate(90).jpeg({ quality: 85 }).toBuffer();
  files['family-b/original.jpg'] = await picture(102);
  files['family-c/original.jpg'] = await picture(103);
  for (const seed of [104, 105]) {
    const original = await picture(seed);
    files[`family-${seed}/original.jpg`] = original;
    files[`family-${seed}/recompressed.jpg`] = await sharp(original).jpeg({ quality: 55 }).toBuffer();
  }
  files['notes/readme.txt'] = 'A made-up note from the demo seizure.\n';
  files['damaged/cut.jpg'] = (await picture(106)).subarray(0, 2000);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), data);
  }
  symlinkSync('/etc/hostname', join(root, 'notes/link-outside'));
  return root;
}

/** The reference lists the demo scan is compared against, made once, before the demo exhibit. */
export async function loadDemoLists(database: VigilDatabase): Promise<void> {
  const agency = await localUnit(database);
  const sets = new HashSetRepository(database.db);
  if (await sets.findOwnByName(agency.id, 'Demo reference list')) return;
  const entries = new HashSetEntryRepository(database.db, database.dialect);
  const listed = await sets.create({ agencyId: agency.id, name: 'Demo reference list', source: 'vigil demo' });
  await entries.add(listed.id, agency.id, { pdq: (await pdqFromImage(await picture(101))).hash });
  await entries.add(listed.id, agency.id, { sha1: digestBuffer(await picture(102)).sha1 });
  const good = await sets.create({
    agencyId: agency.id,
    name: 'Demo known-good list',
    source: 'vigil demo',
    knownGood: true,
  });
  await entries.add(good.id, agency.id, { md5: digestBuffer(await picture(103)).md5 });
}
