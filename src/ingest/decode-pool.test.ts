import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { blobs } from '../../test/support/patterns.js';
import { createDecodePool, defaultWorkers } from './decode-pool.js';
import { runDecodeTask } from './decode-task.js';

test('a picture decoded on a worker thread gives the same PDQ, rotations and thumbnail as on this thread', async () => {
  const px = blobs(200, 150, 7);
  const png = await sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
    .png()
    .toBuffer();
  const pool = createDecodePool(2);
  try {
    const [here, there] = await Promise.all([
      runDecodeTask({ input: png, thumbnail: true }),
      pool.decode({ input: png, thumbnail: true }),
    ]);
    assert.ok(here.decoded?.dihedral, 'decoded here');
    assert.deepEqual(there.decoded, here.decoded);
    assert.ok(Buffer.isBuffer(there.thumbnail?.bytes), 'the thumbnail comes back as a Buffer');
    assert.deepEqual(there.thumbnail, here.thumbnail);
    const cut = await pool.decode({ input: png.subarray(0, 100), thumbnail: true });
    assert.equal(cut.decoded, undefined);
    assert.match(cut.decodeError ?? '', /\w/, 'a truncated picture is that file’s decode error');
    const after = await pool.decode({ input: png, thumbnail: false });
    assert.deepEqual(after.decoded, here.decoded, 'and the pool goes on');
  } finally {
    await pool.close();
  }
});

test('decodes on the main thread by default on 2 cores or fewer, one thread per core above', () => {
  assert.deepEqual(
    [1, 2, 3, 16].map((cores) => defaultWorkers(cores)),
    [0, 0, 3, 16],
  );
});
