import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { blobs } from './synthetic-pictures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('blobs are the same bytes on every machine and in every version (demo data and fixtures rely on it)', () => {
  // Digests of the pictures as first made with Math.sin and Math.exp for every pixel and channel.
  assert.equal(sha256(blobs(640, 480, 7).data), 'b27c67a96a95376168e624be3f92254bab517285d07e3686e5d94363e3bc9c17');
  assert.equal(sha256(blobs(96, 64, 3).data), '4f5d040eb1679065e4cdac2078c832b345c627acc733f0fc4e3a2fc86f06a720');
});

test('blobs differ by seed and are smooth: neighbouring pixels are close', () => {
  const a = blobs(200, 150, 1);
  const b = blobs(200, 150, 2);
  assert.notEqual(sha256(a.data), sha256(b.data));
  let largest = 0;
  for (let i = 3; i < a.data.length; i++) {
    if (i % (200 * 3) >= 3) largest = Math.max(largest, Math.abs(a.data[i] - a.data[i - 3]));
  }
  assert.ok(largest < 40, `largest step between neighbours: ${largest}`);
  assert.equal(a.data.length, 200 * 150 * 3);
});
