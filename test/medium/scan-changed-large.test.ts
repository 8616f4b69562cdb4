/**
 * A file too large to hold in memory (over SCAN_SINGLE_READ_LIMIT) is hashed, then decoded from
 * disk. If it is replaced or written to in between, its PDQ would describe other bytes than its
 * SHA-256: the scan refuses it with a reason (smaller files are re-read and re-hashed instead, see
 * scan.test.ts). The pictures are generated: a small PNG padded with a private ancillary chunk.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { type DecodeTask, runDecodeTask } from '../../src/ingest/decode-task.js';
import { createReadPool } from '../../src/ingest/read-pool.js';
import { prepareFile, SCAN_SINGLE_READ_LIMIT } from '../../src/ingest/scan-file.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { blobs } from '../support/patterns.js';
import { firstExhibitTarget } from '../support/scan-target.js';
import { describeEachDialect } from './dialect-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-changed-'));
const reader = createReadPool(1);
after(() => rmSync(dir, { recursive: true, force: true }));
after(() => closeMetadataReader());
after(() => reader.close());

/** A valid PNG of the pattern `seed`, padded past the single-read limit by an ancillary `vgPd` chunk. */
async function largePng(seed: number): Promise<Buffer> {
  const px = blobs(64, 48, seed);
  const png = await sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
    .png()
    .toBuffer();
  const body = Buffer.concat([Buffer.from('vgPd'), Buffer.alloc(SCAN_SINGLE_READ_LIMIT + 1024)]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), body.length + 4);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

describeEachDialect('a large file changed between its hashing and its decode', (suite) => {
  const target = () => firstExhibitTarget(suite.database.db, suite.dialect);
  /** Decodes after `change` has run on the file: what a writer doing it mid-scan would leave. */
  const decodeAfter = (change: () => void) => ({
    decode: async (task: DecodeTask) => {
      change();
      return runDecodeTask(task);
    },
    close: async () => {},
  });

  test('unchanged, it is decoded from disk as usual', async () => {
    const path = join(dir, `${suite.dialect}-steady.png`);
    writeFileSync(path, await largePng(1));
    for (const t of [{ ...target(), reader }, target()]) {
      const prepared = await prepareFile(t, { path, logicalPath: 'steady.png' });
      assert.equal(prepared.readError, undefined);
      assert.ok(prepared.decoded, 'decoded');
      assert.ok((prepared.size ?? 0) > SCAN_SINGLE_READ_LIMIT, 'large enough to be decoded from disk');
    }
  });

  test('replaced by another picture, or written to, it is an error that says so, with or without read threads', async () => {
    const path = join(dir, `${suite.dialect}-changing.png`);
    const other = join(dir, `${suite.dialect}-other.png`);
    const otherBytes = await largePng(2);
    const cases: [string, () => void][] = [
      ['replaced', () => renameSync(other, path)],
      ['appended to', () => appendFileSync(path, 'more')],
    ];
    for (const [what, change] of cases) {
      for (const t of [{ ...target(), reader }, target()]) {
        writeFileSync(path, await largePng(1));
        writeFileSync(other, otherBytes);
        const prepared = await prepareFile({ ...t, decoder: decodeAfter(change) }, { path, logicalPath: 'c.png' });
        const how = `${what}, ${t.reader ? 'read thread' : 'main thread'}`;
        assert.match(prepared.readError ?? '', /changed while it was being read/, how);
        assert.equal(prepared.decoded, undefined, `${how}: no signals from bytes other than those hashed`);
      }
    }
  });
});
