import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashTypeName, parseHashes, verdictOf, victimStatusOf } from '../../web/src/pages/lookup-logic.js';

const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const h64 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('web: lookup page logic', () => {
  it('finds hashes in pasted text, by length, without repeats, and names what it cannot read', () => {
    const { signals, rejected } = parseHashes(`${md5.toUpperCase()}, ${sha1}\n${h64};${md5}\nnot-a-hash 12ab`, 'both');
    assert.deepEqual(signals, [
      { type: 'md5', value: md5 },
      { type: 'sha1', value: sha1 },
      { type: 'sha256', value: h64 },
      { type: 'pdq', value: h64 },
    ]);
    assert.deepEqual(rejected, ['not-a-hash', '12ab']);
    assert.deepEqual(
      parseHashes(h64, 'pdq').signals.map((s) => s.type),
      ['pdq'],
    );
    assert.deepEqual(
      parseHashes(h64, 'sha256').signals.map((s) => s.type),
      ['sha256'],
    );
  });

  it('says known for an exact match, near with the closest distance, ignorable for known-good only', () => {
    assert.deepEqual(verdictOf([]), { verdict: 'not-known', closest: null });
    assert.deepEqual(
      verdictOf([
        { kind: 'near', distance: 12, knownGood: false },
        { kind: 'near', distance: 4, knownGood: false },
      ]),
      {
        verdict: 'near',
        closest: 4,
      },
    );
    assert.equal(
      verdictOf([
        { kind: 'near', distance: 9, knownGood: false },
        { kind: 'exact', distance: 0, knownGood: false },
      ]).verdict,
      'known',
    );
    assert.equal(verdictOf([{ kind: 'exact', distance: 0, knownGood: true }]).verdict, 'ignorable');
  });

  it('says a victim is identified when any visible series has one, and nothing when no series is shown', () => {
    const series = (total: number, identified: number) => ({ victims: { total, identified } });
    assert.equal(victimStatusOf([]), null);
    assert.deepEqual(victimStatusOf([series(0, 0)]), { status: 'none', identified: 0, total: 0 });
    assert.deepEqual(victimStatusOf([series(2, 0), series(0, 0)]), {
      status: 'not-identified',
      identified: 0,
      total: 2,
    });
    assert.deepEqual(victimStatusOf([series(2, 0), series(3, 1)]), { status: 'identified', identified: 1, total: 5 });
  });
  it('names each hash type as the page writes it elsewhere (SHA-256, not SHA256)', () => {
    assert.deepEqual(['md5', 'sha1', 'sha256', 'pdq'].map(hashTypeName), ['MD5', 'SHA-1', 'SHA-256', 'PDQ']);
    assert.equal(hashTypeName('vpdq'), 'VPDQ', 'a type the page does not know yet stays readable');
  });
});
