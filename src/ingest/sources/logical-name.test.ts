import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { checkEntryName, decodeName, encodeName } from './logical-name.js';

test('valid UTF-8 names stay text; %, !, control characters and invalid bytes become %XX', () => {
  assert.equal(encodeName(Buffer.from('photos été 写真.jpg')), 'photos été 写真.jpg');
  assert.equal(encodeName(Buffer.from('100%!.txt')), '100%25%21.txt');
  assert.equal(encodeName(Buffer.from('a\nb\x7f')), 'a%0Ab%7F');
  assert.equal(encodeName(Buffer.from([0x61, 0xff, 0x62])), 'a%FFb');
  // Latin-1 "é" alone, an overlong "/", a UTF-16 surrogate, a truncated 3-byte sequence
  assert.equal(encodeName(Buffer.from([0xe9])), '%E9');
  assert.equal(encodeName(Buffer.from([0xc0, 0xaf])), '%C0%AF');
  assert.equal(encodeName(Buffer.from([0xed, 0xa0, 0x80])), '%ED%A0%80');
  assert.equal(encodeName(Buffer.from([0xe2, 0x82])), '%E2%82');
});

test('characters that hide or reorder text are written %XX: C1 controls, bidi overrides, separators', () => {
  // "‮gnp.exe" is displayed as "exe.png"; U+009B is an 8-bit terminal escape (CSI).
  assert.equal(encodeName(Buffer.from('\u202egnp.exe')), '%E2%80%AEgnp.exe');
  assert.equal(encodeName(Buffer.from('a\u009b2Jb\u0085c')), 'a%C2%9B2Jb%C2%85c');
  assert.equal(
    encodeName(Buffer.from('x\u2066y\u2069\u200f\u061c\u2028.txt')),
    'x%E2%81%A6y%E2%81%A9%E2%80%8F%D8%9C%E2%80%A8.txt',
  );
  // Neighbours that are ordinary text stay text: the non-breaking space, the en dash, Arabic and Hebrew letters.
  assert.equal(encodeName(Buffer.from('a\u00a0b\u2013c\u0627\u05d0')), 'a\u00a0b\u2013c\u0627\u05d0');
  const hidden = Buffer.from('\u202e\u0085\u2067.png');
  assert.deepEqual(decodeName(encodeName(hidden)), hidden);
});

test('every byte string survives encode then decode', () => {
  for (let i = 0; i < 2000; i++) {
    const raw = randomBytes(1 + (i % 40));
    assert.deepEqual(decodeName(encodeName(raw)), raw);
  }
  const text = Buffer.from('ok 写真 %41 !x');
  assert.deepEqual(decodeName(encodeName(text)), text);
});

test('archive names that leave the archive are refused with the reason', () => {
  const reason = (s: string) => {
    const r = checkEntryName(Buffer.from(s));
    return r.ok ? 'ok' : r.reason;
  };
  assert.equal(reason('../escape.txt'), 'path leaves the archive (..)');
  assert.equal(reason('a/../../escape.txt'), 'path leaves the archive (..)');
  assert.equal(reason('a\\..\\..\\escape.txt'), 'path leaves the archive (..)');
  assert.equal(reason('/etc/passwd'), 'absolute path');
  assert.equal(reason('\\\\server\\share\\x'), 'absolute path');
  assert.equal(reason('C:/Windows/x.dll'), 'drive letter');
  assert.equal(reason('c:x'), 'drive letter');
  assert.equal(reason(''), 'empty entry name');
  assert.equal(reason('./'), 'ok');
});

test('safe archive names become relative logical paths; folders are marked', () => {
  assert.deepEqual(checkEntryName(Buffer.from('./photos//b.jpg')), {
    ok: true,
    directory: false,
    path: 'photos/b.jpg',
  });
  assert.deepEqual(checkEntryName(Buffer.from('dir\\sub\\')), { ok: true, directory: true, path: 'dir/sub' });
  assert.deepEqual(checkEntryName(Buffer.from('..hidden/x..y')), { ok: true, directory: false, path: '..hidden/x..y' });
  assert.deepEqual(checkEntryName(Buffer.from([0x61, 0x2f, 0xff])), { ok: true, directory: false, path: 'a/%FF' });
});
