/** Latitude and longitude as typed into the place form (web/src/pages/coordinate-input.ts). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { coordinateOf } from '../../web/src/pages/coordinate-input.js';

it('reads a decimal point or comma, a sign, and blank as no position', () => {
  assert.equal(coordinateOf(' 59.91 ', 90), 59.91);
  assert.equal(coordinateOf('59,91', 90), 59.91, 'a decimal comma, as typed in much of Europe');
  assert.equal(coordinateOf('-33.8', 90), -33.8);
  assert.equal(coordinateOf('+151', 180), 151);
  assert.equal(coordinateOf('   ', 90), null);
});

it('refuses what is not a coordinate rather than sending it as no position', () => {
  for (const typed of ['abc', '59.9N', '59°54′', '1e2', '59.', '.5', '--1']) {
    assert.ok(Number.isNaN(coordinateOf(typed, 90)), typed);
  }
  assert.ok(Number.isNaN(coordinateOf('90.5', 90)));
  assert.equal(coordinateOf('90', 90), 90);
  assert.ok(Number.isNaN(coordinateOf('181', 180)));
});
