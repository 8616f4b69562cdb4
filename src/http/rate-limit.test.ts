import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../access/principal.js';
import { ANONYMOUS_RATE_PER_MINUTE, PERSON_RATE_PER_MINUTE, rateLimitFor } from './rate-limit.js';

const person = { ratePerMinute: null } as unknown as Principal;
const partner = { ratePerMinute: 1_200 } as unknown as Principal;

describe('rate limit per caller', () => {
  it('gives a signed-in person room for a grid of pictures, and an unknown address less', () => {
    assert.equal(rateLimitFor(person), PERSON_RATE_PER_MINUTE);
    assert.equal(rateLimitFor(null), ANONYMOUS_RATE_PER_MINUTE);
    assert.ok(PERSON_RATE_PER_MINUTE >= 10 * ANONYMOUS_RATE_PER_MINUTE);
  });

  it("keeps a partner key's own rate, and a configured rate for everyone else", () => {
    assert.equal(rateLimitFor(partner), 1_200);
    assert.equal(rateLimitFor(partner, 50), 1_200);
    assert.equal(rateLimitFor(person, 50), 50);
    assert.equal(rateLimitFor(undefined, 50), 50);
  });
});
