import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, passwordProblems, verifyPassword } from './password.js';

describe('password', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    assert.match(stored, /^\$argon2id\$/);
    assert.equal(await verifyPassword(stored, 'correct horse battery'), true);
    assert.equal(await verifyPassword(stored, 'correct horse batterY'), false);
    assert.equal(await verifyPassword('not a hash', 'x'), false);
  });

  it('names every problem of a weak password', () => {
    assert.deepEqual(passwordProblems('long enough pass phrase', 'alice'), []);
    assert.match(passwordProblems('short', 'alice').join(), /shorter than 12/);
    assert.match(passwordProblems('aaaaaaaaaaaaaaa', 'alice').join(), /fewer than 5 different/);
    assert.match(passwordProblems('my-alice-password-1', 'alice').join(), /contains the username/);
    assert.match(passwordProblems('password12345678', 'bob').join(), /well-known pattern/);
  });
});
