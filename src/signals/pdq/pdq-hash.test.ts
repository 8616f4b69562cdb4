import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../domain/app-error.js';
import { normalisePdqHex, pdqHexDistance, pdqHexToWords, pdqNorm, pdqWordsFromDct, pdqWordsToHex } from './pdq-hash.js';

const BRIDGE = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';

test('hex ↔ words round-trips, word 15 first, word 0 last', () => {
  const words = pdqHexToWords(BRIDGE);
  assert.equal(words[15], 0xd8f8);
  assert.equal(words[0], 0x9b22);
  assert.equal(pdqWordsToHex(words), BRIDGE);
});

test('bit k = 16·i + j is set iff DCT[i][j] is above the 128th smallest value', () => {
  const dct = new Float32Array(256);
  for (let k = 0; k < 256; k++) dct[k] = k; // the 128th smallest is 127
  const words = pdqWordsFromDct(dct);
  for (let i = 0; i < 16; i++) assert.equal(words[i], i < 8 ? 0 : 0xffff, `word ${i}`);
  assert.equal(pdqNorm(pdqWordsToHex(words)), 128);
});

test('distance counts differing bits', () => {
  assert.equal(pdqHexDistance(BRIDGE, BRIDGE), 0);
  assert.equal(pdqHexDistance('0'.repeat(64), 'f'.repeat(64)), 256);
  assert.equal(pdqHexDistance(BRIDGE, `${BRIDGE.slice(0, 63)}3`), 1);
  assert.equal(pdqNorm(BRIDGE), 128);
});

test('malformed hex is a typed error naming the problem', () => {
  assert.equal(normalisePdqHex(BRIDGE.toUpperCase()), BRIDGE);
  assert.throws(
    () => normalisePdqHex(BRIDGE.slice(2)),
    (e: unknown) => AppError.is(e, 'invalid-signal') && /62 characters/.test(e.message),
  );
  assert.throws(
    () => normalisePdqHex(`${BRIDGE.slice(1)}z`),
    (e: unknown) => AppError.is(e, 'invalid-signal') && /0-9 and a-f/.test(e.message),
  );
});
