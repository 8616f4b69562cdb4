import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tempFolder } from '../../test/support/temp-folder.js';
import { sampleEntry, vicsText } from '../../test/support/vics-fixture.js';
import { AppError } from '../domain/app-error.js';
import { importFormatFor } from './format-registry.js';

const { file } = tempFolder('vigil-formats-');

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const vics = vicsText([JSON.stringify(sampleEntry(0))], { version: '1.3' });

describe('importFormatFor auto', () => {
  test('recognises VICS in UTF-8, UTF-8 with BOM, UTF-16LE and UTF-16BE', async () => {
    const forms = {
      'utf8.json': Buffer.from(vics, 'utf8'),
      'bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(vics, 'utf8')]),
      'le.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(vics, 'utf16le')]),
      'be.json': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(vics)]),
    };
    for (const [name, bytes] of Object.entries(forms)) {
      assert.equal((await importFormatFor('auto', file(name, bytes))).name, 'vics', name);
    }
  });

  test('refuses a UTF-16 line list with how to fix it, rather than reading noise', async () => {
    const csv = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('md5\nd41d8cd98f00b204e9800998ecf8427e\n', 'utf16le'),
    ]);
    await assert.rejects(importFormatFor('auto', file('list.csv', csv)), (err: unknown) => {
      assert.ok(AppError.is(err, 'unsupported-format'));
      assert.match(err.message, /save it as UTF-8/);
      return true;
    });
    assert.equal((await importFormatFor('auto', file('plain.csv', Buffer.from('md5\nabc\n')))).name, 'csv');
  });
});
