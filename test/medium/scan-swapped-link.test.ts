/**
 * Hostile input (issue #5): a seized folder that changes while it is scanned (a mounted image being
 * written to, an extraction area someone else controls). The walk lists a file with lstat; if the
 * name is then swapped for a symbolic link to a file outside the folder before the scan reads it,
 * the scan must not hash, decode or read metadata from the link's target: the file is an error row
 * that says it was replaced, and the run goes on. The swap happens between the walk handing the
 * file out and the scan reading it, as `vigil scan` chains them (scan-case.service.ts). A name that
 * is not UTF-8 (read through a private temp link) gets the same protection. Pictures are generated.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { type DecodeTask, runDecodeTask } from '../../src/ingest/decode-task.js';
import { createReadPool } from '../../src/ingest/read-pool.js';
import { scanExhibit } from '../../src/ingest/scan.service.js';
import { prepareFile, type ScanInputFile } from '../../src/ingest/scan-file.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { sourceFiles } from '../../src/services/scan-case.service.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { makeZip } from '../support/archive-fixtures.js';
import { blobs } from '../support/patterns.js';
import { firstExhibitTarget } from '../support/scan-target.js';
import { describeEachDialect } from './dialect-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-swapped-'));
const reader = createReadPool(1);
after(() => rmSync(dir, { recursive: true, force: true }));
after(() => closeMetadataReader());
after(() => reader.close());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A generated picture; with `serial`, a JPEG whose EXIF names that camera. */
async function picture(seed: number, serial?: string): Promise<Buffer> {
  const px = blobs(160, 120, seed);
  const img = sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } });
  if (!serial) return img.png().toBuffer();
  return img
    .jpeg()
    .withExif({ IFD0: { Make: 'Vigil Test', Model: 'Pattern Cam' }, IFD2: { BodySerialNumber: serial } })
    .toBuffer();
}

/** A non-UTF-8 file name (latin-1 `é`), as a raw byte path. */
const latin1 = (folder: string, name: string) =>
  Buffer.concat([Buffer.from(`${folder}/`), Buffer.from(name, 'latin1')]);

describeEachDialect('a listed file swapped for a symbolic link before it is read', (suite) => {
  let runs = 0;
  const db = () => suite.database.db;

  async function exhibit(reference: string) {
    const agency = await new AgencyRepository(db()).create({ countryCode: 'NL', name: `Unit ${reference}` });
    const cases = new CaseRepository(db());
    const c = await cases.createCase({ agencyId: agency.id, reference, title: 'Swapped files' });
    return cases.createExhibit({ caseId: c.id, label: 'mounted image' });
  }

  test('the target is neither hashed nor stored; the file is an error row saying it was replaced', async () => {
    for (const readThreads of [1, 0]) {
      const run = `${suite.dialect}-${readThreads}-${++runs}`;
      const folder = join(dir, `seizure-${run}`);
      const outside = join(dir, `outside-${run}`);
      mkdirSync(folder);
      mkdirSync(outside);
      const secret = await picture(100 + runs);
      writeFileSync(join(outside, 'other-case.png'), secret);
      writeFileSync(join(folder, 'a-kept.png'), await picture(200 + runs));
      writeFileSync(join(folder, 'b-swapped.png'), await picture(300 + runs));
      writeFileSync(latin1(folder, 'c-swapped-\xe9.png'), await picture(400 + runs));
      writeFileSync(latin1(folder, 'd-kept-\xe9.png'), await picture(500 + runs));

      /** The walk's files, each swapped for a link to the other case's picture once listed. */
      async function* swapping(): AsyncGenerator<ScanInputFile> {
        for await (const file of sourceFiles([folder], {})) {
          if (file.logicalPath.includes('-swapped')) {
            const listed = file.logicalPath.includes('%E9')
              ? latin1(folder, 'c-swapped-\xe9.png')
              : Buffer.from(join(folder, 'b-swapped.png'));
            unlinkSync(listed);
            symlinkSync(join(outside, 'other-case.png'), listed);
          }
          yield file;
        }
      }
      const ex = await exhibit(`OP-${run}`);
      const summary = await scanExhibit(db(), suite.dialect, ex, swapping(), { workers: 0, readThreads });
      const how = readThreads > 0 ? 'read thread' : 'main thread';
      assert.equal(summary.scanned, 4, how);

      const rows = new Map((await new ScanFileRepository(db()).list(ex.id)).map((r) => [r.path.split('/').pop(), r]));
      for (const name of ['b-swapped.png', 'c-swapped-%E9.png']) {
        const row = rows.get(name);
        assert.equal(row?.status, 'error', `${how}: ${name}`);
        assert.equal(row?.sha256, null, `${how}: ${name} has no digest`);
        assert.match(
          row?.reasons.join('; ') ?? '',
          /replaced by a symbolic link after it was listed/,
          `${how}: ${name}`,
        );
      }
      for (const name of ['a-kept.png', 'd-kept-%E9.png'])
        assert.equal(rows.get(name)?.status, 'new', `${how}: ${name}`);
      const stored = await new MediaRepository(db(), suite.dialect).findBySha256(sha256(secret));
      assert.equal(stored, null, `${how}: the link's target is not stored`);
    }
  });

  test("an archive swapped for a link to another archive: none of the other archive's entries are read", async () => {
    const run = `${suite.dialect}-zip-${++runs}`;
    const folder = join(dir, `seizure-${run}`);
    const outside = join(dir, `outside-${run}`);
    mkdirSync(folder);
    mkdirSync(outside);
    const secret = await picture(800 + runs);
    writeFileSync(join(outside, 'other-case.zip'), makeZip([{ name: 'inner.png', data: secret }]));
    writeFileSync(join(folder, 'bundle.zip'), makeZip([{ name: 'own.png', data: await picture(900 + runs) }]));
    async function* swapping(): AsyncGenerator<ScanInputFile> {
      for await (const file of sourceFiles([folder], {})) {
        if (file.logicalPath.endsWith('/bundle.zip')) {
          unlinkSync(join(folder, 'bundle.zip'));
          symlinkSync(join(outside, 'other-case.zip'), join(folder, 'bundle.zip'));
        }
        yield file;
      }
    }
    const ex = await exhibit(`OP-${run}`);
    await scanExhibit(db(), suite.dialect, ex, swapping(), { workers: 0, readThreads: 1 });
    const rows = new Map((await new ScanFileRepository(db()).list(ex.id)).map((r) => [r.path.split(`${run}/`)[1], r]));
    assert.deepEqual(
      [...rows.keys()].sort(),
      ['bundle.zip', 'bundle.zip!/'],
      'the archive and its contents, nothing inside',
    );
    for (const row of rows.values()) {
      assert.equal(row.status, 'error', row.path);
      assert.match(row.reasons.join('; '), /replaced by a symbolic link after it was listed/, row.path);
    }
    assert.equal(await new MediaRepository(db(), suite.dialect).findBySha256(sha256(secret)), null);
  });

  test('swapped after hashing, before decoding and ExifTool: refused, no signals or metadata of the target', async () => {
    const target = () => firstExhibitTarget(db(), suite.dialect);
    const other = join(dir, `${suite.dialect}-other-camera.jpg`);
    writeFileSync(other, await picture(600, 'SN-OTHER-CASE'));
    for (const t of [{ ...target(), reader }, target()]) {
      const how = t.reader ? 'read thread' : 'main thread';
      const folder = join(dir, `late-${suite.dialect}-${++runs}`);
      mkdirSync(folder);
      const path = join(folder, 'camera.jpg');
      writeFileSync(path, await picture(700 + runs, 'SN-LISTED'));
      const listed = (await sourceFiles([folder], {}).next()).value as ScanInputFile;
      const swapThenDecode = {
        decode: async (task: DecodeTask) => {
          const moved = `${path}.moved`;
          renameSync(path, moved);
          symlinkSync(other, path);
          return runDecodeTask(task);
        },
        close: async () => {},
      };
      const prepared = await prepareFile({ ...t, decoder: swapThenDecode }, listed);
      assert.match(prepared.readError ?? '', /replaced by a symbolic link after it was listed/, how);
      assert.equal(prepared.decoded, undefined, `${how}: no signals`);
      assert.equal(prepared.metadata, undefined, `${how}: no metadata`);
    }
  });
});
