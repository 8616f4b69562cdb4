import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shrinkRgb, VideoStills } from './video-stills.js';

function frame(width: number, height: number, value: number) {
  return { data: new Uint8Array(width * height * 3).fill(value), width, height };
}

test('stills are the first frames at or after 10/30/50/70/90% of the duration, shrunk to 256 px', () => {
  const stills = new VideoStills(10);
  for (let t = 0; t < 10; t++) stills.offer(frame(640, 480, t * 10), t, t === 1 ? 20 : 80);
  assert.deepEqual(
    stills.stills().map((s) => [s.timestamp, s.width, s.height, s.sourceWidth, s.data[0]]),
    [
      [1, 256, 192, 640, 10],
      [3, 256, 192, 640, 30],
      [5, 256, 192, 640, 50],
      [7, 256, 192, 640, 70],
      [9, 256, 192, 640, 90],
    ],
  );
  // The poster skips a still of low quality (a black or flat frame).
  assert.equal(stills.poster()?.timestamp, 3);
});

test('sparse frames are kept once however many times they reach; unknown duration keeps the first', () => {
  const sparse = new VideoStills(20);
  for (const t of [0, 8, 16]) sparse.offer(frame(64, 48, 1), t, 90);
  assert.deepEqual(
    sparse.stills().map((s) => [s.timestamp, s.width]),
    [
      [8, 64],
      [16, 64],
    ],
  );
  const unknown = new VideoStills(undefined);
  for (const t of [0, 1, 2]) unknown.offer(frame(32, 32, 5), t, 10);
  assert.deepEqual(
    unknown.stills().map((s) => s.timestamp),
    [0],
  );
  assert.equal(unknown.poster()?.timestamp, 0);
});

test('area averaging: each output pixel is the mean of its source block', () => {
  const src = { data: Uint8Array.from([0, 0, 0, 100, 100, 100, 50, 50, 50, 250, 250, 250]), width: 4, height: 1 };
  assert.deepEqual([...shrinkRgb(src, 2, 1)], [50, 50, 50, 150, 150, 150]);
});
