import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { videoFromPixels } from '../../test/support/generated-videos.js';
import { conformanceMissing, PDQ_VECTORS } from '../../test/support/paths.js';
import { AppError } from '../domain/app-error.js';
import { blobs } from '../media/synthetic-pictures.js';
import { pdqFromPixels } from './pdq/pdq-image.js';
import { createSignalRegistry, defaultSignalTypes } from './registry.js';
import { signalTypeContract } from './signal-type.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-signals-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const abc = join(dir, 'abc.txt');
writeFileSync(abc, 'abc');

const registry = createSignalRegistry(defaultSignalTypes());

// Published test vectors for "abc" (RFC 1321, FIPS 180-2).
signalTypeContract(registry.get('md5'), {
  file: abc,
  expected: '900150983cd24fb0d6963f7d28e17f72',
  other: 'd41d8cd98f00b204e9800998ecf8427e',
});
signalTypeContract(registry.get('sha1'), {
  file: abc,
  expected: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  other: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
});
signalTypeContract(registry.get('sha256'), {
  file: abc,
  expected: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  other: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
});
if (!conformanceMissing) {
  // The reference pdq-photo-hasher's value for this file (conformance/pdq/expected.csv).
  signalTypeContract(registry.get('pdq'), {
    file: join(PDQ_VECTORS, 'reg-test-input/dih/bridge-1-original.jpg'),
    expected: 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22',
    other: '30a10efdf1c83f429013d48d0ffffc52e34e0e35ada952a9d29605215aa9e5af',
  });
} else {
  test('pdq signal contract', { skip: conformanceMissing }, () => {});
}

// A lossless 1 fps video of known pixels: its vPDQ value is the PDQ of each picture (no 512 resize),
// frame i at i seconds, independent of the video code under test.
function knownVideo(name: string, seeds: number[]): { file: string; value: string } {
  const frames = seeds.map((seed) => blobs(96, 64, seed));
  const lines = frames.map((px, i) => {
    const { hash, quality } = pdqFromPixels(px, { referenceResize: false });
    return `${i},${quality},${hash},${i}.000`;
  });
  return { file: videoFromPixels(join(dir, name), frames, 1), value: lines.join('\n') };
}
const video = knownVideo('known.mkv', [11, 12, 13]);
signalTypeContract(registry.get('vpdq'), {
  file: video.file,
  expected: video.value,
  other: knownVideo('other.mkv', [21, 22]).value,
});

test('the default registry holds md5, sha1, sha256, pdq and vpdq, and names unknown types', () => {
  assert.deepEqual(
    registry.list().map((t) => t.name),
    ['md5', 'sha1', 'sha256', 'pdq', 'vpdq'],
  );
  assert.throws(
    () => registry.get('photodna'),
    (e: unknown) => AppError.is(e, 'unknown-signal-type') && /known: md5, sha1, sha256, pdq, vpdq/.test(e.message),
  );
});

test('the registry refuses names that are not lower_snake', () => {
  const bad = { ...registry.get('md5'), name: 'MD-5' };
  assert.throws(() => createSignalRegistry([bad]), /lower_snake/);
});
