import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, matchTotp, newTotpSecret, totpCode, totpStep } from './totp.js';

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890", 8 digits; our 6 digits are the last 6.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('totp', () => {
  it('gives the RFC 6238 test vectors (last six digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      assert.equal(totpCode(RFC_SECRET, totpStep(seconds * 1000)), code.slice(2), `at ${seconds}s`);
    }
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
    assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  });

  it('accepts the neighbouring steps once, and refuses replays and other codes', () => {
    const secret = newTotpSecret();
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    assert.equal(matchTotp(secret, totpCode(secret, step), now, null), step);
    assert.equal(matchTotp(secret, totpCode(secret, step - 1), now, null), step - 1);
    assert.equal(matchTotp(secret, totpCode(secret, step + 1), now, null), step + 1);
    assert.equal(matchTotp(secret, totpCode(secret, step - 2), now, null), null);
    assert.equal(matchTotp(secret, totpCode(secret, step), now, step), null, 'a used code is refused');
    assert.equal(matchTotp(secret, '12345', now, null), null);
    assert.equal(matchTotp(secret, 'abcdef', now, null), null);
  });
});
