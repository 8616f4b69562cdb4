import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../domain/app-error.js';
import {
  formatTimestamp,
  formatVpdqFeatures,
  formatVpdqLine,
  normaliseVpdqValue,
  parseVpdqFeatures,
} from './vpdq-feature.js';

const H1 = 'e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c';
const H2 = 'c0f11178372c6aaccddea259648fbfd62f434c89c9e99b249772be216c8d055c';

test('a feature prints as the reference line: frameNumber,quality,hash,timestamp with 3 decimals', () => {
  assert.equal(
    formatVpdqLine({ frameNumber: 0, quality: 100, hash: H1, timestamp: 0 }),
    `0,100,${H1},0.000`, // the first line of the reference's chair-19-sd-bar.txt
  );
  assert.equal(formatVpdqLine({ frameNumber: 1, quality: 7, hash: H2, timestamp: 1 / 30 }), `1,7,${H2},0.033`);
  assert.equal(formatTimestamp(2 / 30), '0.067');
  assert.equal(formatTimestamp(29 / 29.97), '0.968');
  assert.equal(formatTimestamp(3725.5), '3725.500');
});

test('timestamps that tie at 3 decimals round to even, as printf("%.3f") does', () => {
  // Odd multiples of 1/16 are the only doubles exactly halfway; toFixed would round them all up.
  assert.equal(formatTimestamp(1 / 16), '0.062');
  assert.equal(formatTimestamp(3 / 16), '0.188');
  assert.equal(formatTimestamp(5 / 16), '0.312');
  assert.equal(formatTimestamp(7 / 16), '0.438');
  assert.equal(formatTimestamp(10 + 13 / 16), '10.812');
  assert.equal(formatTimestamp(0.0625000001), '0.063');
});

test('the text form round-trips, and normalising lower-cases hashes and drops surrounding space and CRLF', () => {
  const features = [
    { frameNumber: 0, quality: 100, hash: H1, timestamp: 0 },
    { frameNumber: 30, quality: 49, hash: H2, timestamp: 1 },
  ];
  const text = formatVpdqFeatures(features);
  assert.equal(text, `0,100,${H1},0.000\n30,49,${H2},1.000`);
  assert.deepEqual(parseVpdqFeatures(text), features);
  assert.equal(normaliseVpdqValue(` ${text.toUpperCase().replace('\n', '\r\n')}\n`), text);
});

test('malformed frame lists are invalid-signal errors that name the line', () => {
  const bad: Array<[string, RegExp]> = [
    ['', /no frame line/],
    [`0,100,${H1}`, /line 1 is not/],
    [`0,100,${H1},0.0000`, /line 1 is not/],
    [`0,100,${H1},0.00`, /line 1 is not/],
    [`0,100,${H1.slice(1)},0.000`, /line 1 is not/],
    [`0,101,${H1},0.000`, /quality 101/],
    [`-1,100,${H1},0.000`, /line 1 is not/],
    [`5,100,${H1},0.000\n5,100,${H2},0.033`, /line 2 has frame 5, not after 5/],
    [`0,100,${H1},0.000\n\n1,100,${H2},0.033`, /line 2 is not/],
  ];
  for (const [value, message] of bad) {
    assert.throws(
      () => parseVpdqFeatures(value),
      (e: unknown) => AppError.is(e, 'invalid-signal') && message.test(e.message),
      value,
    );
  }
});
