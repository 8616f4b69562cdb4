import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { scanExhibit } from '../../src/ingest/scan.service.js';
import { prepareFile, type ScanInputFile } from '../../src/ingest/scan-file.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { pdqFromImage } from '../../src/signals/pdq/pdq-image.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { blobs, transform } from '../support/patterns.js';
import { describeEachDialect } from './dialect-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-'));
after(() => rmSync(dir, { recursive: true, force: true }));
after(() => closeMetadataReader());

const png = (px: ReturnType<typeof blobs>) =>
  sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
    .png()
    .toBuffer();
const digest = (alg: string, b: Buffer) => createHash(alg).update(b).digest('hex');

/** A seizure: one file known before, a rotated copy of it, one in a hash set, new ones, a repeat, junk. */
const FILES = [
  'known.png',
  'rotated.png',
  'listed.png',
  'fresh.png',
  'fresh-again.png',
  'broken.jpg',
  'notes.txt',
  'camera.jpg',
  'ignorable.png',
];
let seizures = 0;

/** Writes a seizure with pictures no other seizure has; returns its folder. */
async function makeSeizure(): Promise<string> {
  const seed = 10 * ++seizures;
  const folder = join(dir, `seizure-${seizures}`);
  mkdirSync(folder);
  writeFileSync(join(folder, 'known.png'), await png(blobs(400, 300, seed + 1)));
  writeFileSync(join(folder, 'rotated.png'), await png(transform(blobs(400, 300, seed + 1), 'rot90')));
  writeFileSync(join(folder, 'listed.png'), await png(blobs(400, 300, seed + 2)));
  writeFileSync(join(folder, 'fresh.png'), await png(blobs(400, 300, seed + 3)));
  writeFileSync(join(folder, 'fresh-again.png'), readFileSync(join(folder, 'fresh.png')));
  writeFileSync(
    join(folder, 'broken.jpg'),
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, seed)]),
  );
  writeFileSync(join(folder, 'notes.txt'), `plain text ${seed}, not an image\n`);
  writeFileSync(join(folder, 'ignorable.png'), await png(blobs(400, 300, seed + 5)));
  // New content from a camera whose serial is on known media.
  const px = blobs(400, 300, seed + 4);
  await sharp(Buffer.from(px.data), { raw: { width: 400, height: 300, channels: px.channels } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Vigil Test', Model: 'Pattern Cam' }, IFD2: { BodySerialNumber: serialOf(folder) } })
    .toFile(join(folder, 'camera.jpg'));
  return folder;
}

const serialOf = (folder: string) => `SN-${folder.split('-').at(-1)}`;

const inputs = (folder: string): ScanInputFile[] =>
  FILES.map((f) => ({ path: join(folder, f), logicalPath: `seized/${f}` }));

describeEachDialect('scan of an exhibit', (suite) => {
  const db = () => suite.database.db;

  /** A unit with one known media (with PDQ) and one hash set, then a new exhibit. */
  async function setup(reference: string, folder: string) {
    const agency = await new AgencyRepository(db()).create({ countryCode: 'NL', name: `Unit ${reference}` });
    const knownBytes = readFileSync(join(folder, 'known.png'));
    const media = new MediaRepository(db(), suite.dialect);
    const existing = await media.findBySha256(digest('sha256', knownBytes));
    if (!existing) {
      const m = await media.insert({
        sha256: digest('sha256', knownBytes),
        md5: digest('md5', knownBytes),
        sha1: digest('sha1', knownBytes),
        size: knownBytes.length,
      });
      await media.addSignals(m.id, [{ type: 'pdq', value: (await pdqFromImage(knownBytes)).hash, quality: 100 }]);
      await media.setCamera(m.id, {
        make: 'Vigil Test',
        model: 'Pattern Cam',
        serial: serialOf(folder),
        takenAt: null,
      });
    }
    const set = await new HashSetRepository(db()).create({
      agencyId: agency.id,
      name: 'Reference list',
      source: 'test',
    });
    const listed = readFileSync(join(folder, 'listed.png'));
    await new HashSetEntryRepository(db(), suite.dialect).add(set.id, agency.id, { sha1: digest('sha1', listed) });
    const good = await new HashSetRepository(db()).create({
      agencyId: agency.id,
      name: 'Known good',
      source: 'test',
      knownGood: true,
    });
    const ignorable = readFileSync(join(folder, 'ignorable.png'));
    await new HashSetEntryRepository(db(), suite.dialect).add(good.id, agency.id, { md5: digest('md5', ignorable) });
    await new Promise((r) => setTimeout(r, 5)); // the exhibit is created strictly after what is known
    const cases = new CaseRepository(db());
    const c = await cases.createCase({ agencyId: agency.id, reference, title: 'Seizure' });
    return cases.createExhibit({ caseId: c.id, label: 'laptop' });
  }

  const EXPECTED: Record<string, string> = {
    'seized/known.png': 'known',
    'seized/rotated.png': 'near-duplicate',
    'seized/listed.png': 'known',
    'seized/fresh.png': 'new',
    'seized/fresh-again.png': 'new',
    'seized/broken.jpg': 'error',
    'seized/notes.txt': 'new',
    'seized/camera.jpg': 'new',
    'seized/ignorable.png': 'ignorable',
  };

  test('every file is sorted, with reasons, and stored with its sighting and matches', async () => {
    const folder = await makeSeizure();
    const exhibit = await setup('S-1', folder);
    const summary = await scanExhibit(db(), suite.dialect, exhibit, inputs(folder));
    assert.equal(summary.scanned, FILES.length);
    const rows = await new ScanFileRepository(db()).list(exhibit.id);
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.path, r.status])), EXPECTED);
    const reason = (p: string) => rows.find((r) => r.path === `seized/${p}`)?.reasons.join(' | ') ?? '';
    assert.match(reason('known.png'), /SHA-256 matches media #\d+/);
    assert.match(reason('rotated.png'), /PDQ within \d+ bits of media #\d+, rotated/);
    assert.match(reason('listed.png'), /SHA-1 matches hash set "Reference list"/);
    assert.match(reason('fresh-again.png'), /same content as seized\/fresh\.png/);
    assert.match(reason('broken.jpg'), /decode failed/);
    assert.match(reason('ignorable.png'), /MD5 is in known-good hash set "Known good"/);
    assert.match(reason('camera.jpg'), /camera serial SN-\d+ also on 1 known media item/);
    const media = new MediaRepository(db(), suite.dialect);
    const fresh = rows.find((r) => r.path === 'seized/fresh.png');
    assert.ok(fresh?.mediaId);
    assert.equal((await media.listSightings(fresh.mediaId)).length, 2, 'one media, seen twice in the exhibit');
    assert.equal((await media.listSignals(fresh.mediaId)).filter((s) => s.type === 'pdq').length, 1);
  });

  test('a file whose SHA-256 is already known is not decoded again: damaged bytes known before sort as known', async () => {
    const folder = join(dir, `known-damaged-${suite.dialect}`);
    mkdirSync(folder);
    // A JPEG cut after its header: decoding it fails, so a decode would show as a `decode failed` reason.
    const damaged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]);
    writeFileSync(join(folder, 'seen-before.jpg'), damaged);
    const agency = await new AgencyRepository(db()).create({ countryCode: 'NL', name: `Unit K-${suite.dialect}` });
    const known = await new MediaRepository(db(), suite.dialect).insert({
      sha256: digest('sha256', damaged),
      md5: digest('md5', damaged),
      sha1: digest('sha1', damaged),
      size: damaged.length,
    });
    await new Promise((r) => setTimeout(r, 5));
    const cases = new CaseRepository(db());
    const c = await cases.createCase({ agencyId: agency.id, reference: `K-${suite.dialect}`, title: 'Again' });
    const exhibit = await cases.createExhibit({ caseId: c.id, label: 'usb' });
    await scanExhibit(db(), suite.dialect, exhibit, [
      { path: join(folder, 'seen-before.jpg'), logicalPath: 'seen-before.jpg' },
    ]);
    const [row] = await new ScanFileRepository(db()).list(exhibit.id);
    assert.equal(row.status, 'known');
    assert.equal(row.mediaId, known.id);
    assert.deepEqual(row.reasons, [`SHA-256 matches media #${known.id}`]);
    // The read step itself: found by its SHA-256, so neither decoded nor failed to decode.
    const target = {
      db: db(),
      dialect: suite.dialect,
      agencyId: agency.id,
      exhibitId: exhibit.id,
      startedAt: exhibit.createdAt,
      threshold: 31,
      minQuality: 50,
    };
    const prepared = await prepareFile(target, { path: join(folder, 'seen-before.jpg'), logicalPath: 'again.jpg' });
    assert.equal(prepared.existing?.id, known.id);
    assert.deepEqual([prepared.decoded, prepared.decodeError, prepared.metadata], [undefined, undefined, undefined]);

    // A file that changes between the read that hashed it (on a read thread) and the read for
    // decoding is refused: its digests and its PDQ would describe different bytes.
    const before = await png(blobs(64, 48, 991));
    writeFileSync(join(folder, 'changing.png'), await png(blobs(64, 48, 992)));
    const hashedBefore = {
      read: async () => ({
        size: before.length,
        digests: { md5: digest('md5', before), sha1: digest('sha1', before), sha256: digest('sha256', before) },
      }),
      digest: async () => assert.fail('no archive member here'),
      close: async () => {},
    };
    const changed = await prepareFile(
      { ...target, reader: hashedBefore },
      { path: join(folder, 'changing.png'), logicalPath: 'changing.png' },
    );
    assert.match(changed.readError ?? '', /changed while it was being read/);
    assert.equal(changed.decoded, undefined, 'not decoded from bytes other than those hashed');
  });

  test('a scan stopped part-way and run again ends exactly like one that was not stopped', async () => {
    const folder = await makeSeizure();
    const exhibit = await setup('S-2', folder);
    const stop = new AbortController();
    let seen = 0;
    const first = await scanExhibit(db(), suite.dialect, exhibit, inputs(folder), {
      signal: stop.signal,
      onFile: () => {
        if (++seen === 3) stop.abort();
      },
    });
    assert.equal(first.scanned, 3);
    assert.equal(first.stopped, true);
    const second = await scanExhibit(db(), suite.dialect, exhibit, inputs(folder));
    assert.equal(second.skipped, 3);
    assert.equal(second.scanned, FILES.length - 3);
    const third = await scanExhibit(db(), suite.dialect, exhibit, inputs(folder));
    assert.equal(third.scanned, 0, 'a finished scan does nothing when run again');
    const rows = await new ScanFileRepository(db()).list(exhibit.id);
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.path, r.status])), EXPECTED);
    const sightings = await db()
      .selectFrom('sightings')
      .select(['path', (eb) => eb.fn.countAll<number>().as('n')])
      .where('exhibit_id', '=', exhibit.id)
      .groupBy('path')
      .execute();
    assert.equal(sightings.length, FILES.length);
    assert.ok(
      sightings.every((s) => Number(s.n) === 1),
      'no file recorded twice',
    );
  });
});
