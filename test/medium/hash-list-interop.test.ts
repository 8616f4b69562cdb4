import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { HashListItem } from '../../src/formats/hash-list-item.js';
import { type ExportSource, exportHashList } from '../../src/services/hash-list-export.service.js';
import { importHashList } from '../../src/services/hash-list-import.service.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { tempFolder } from '../support/temp-folder.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld } from './records-fixtures.js';

const { file } = tempFolder('vigil-interop-');
const h = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');

describeEachDialect('hash-list import and export', (suite) => {
  const base = () => ({ db: suite.database.db, dialect: suite.dialect });

  async function exported(
    agencyId: number,
    format: string,
    source: ExportSource,
    more: { scheme?: string; hashOnly?: boolean } = {},
  ) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    const summary = await exportHashList({ ...base(), agencyId, format, source, hashOnly: false, out, ...more });
    return { summary, text: Buffer.concat(chunks).toString('utf8') };
  }

  test('categories are stored in the set scheme, mapped from the file scheme, or the row is rejected', async () => {
    const w = await makeWorld(suite.database, 'interop-a');
    const lines = ['md5,sha1,pdq,quality,category,series'];
    for (let i = 0; i < 10; i++) {
      lines.push(
        `${h('md5', `a${i}`)},${h('sha1', `a${i}`)},${h('sha256', `p${i}`)},${50 + i},${i % 5},Sample ${i % 2}`,
      );
    }
    const first = await importHashList({
      ...base(),
      agencyId: w.a.id,
      path: file('a.csv', lines.join('\n')),
      format: 'auto',
      hashSetName: 'VIC set',
    });
    assert.deepEqual([first.format, first.accepted, first.inserted, first.rejected], ['csv', 10, 10, 0]);
    const seen: HashListItem[] = [];
    const dhs = `md5,category\n${h('md5', 'd3')},3\n${h('md5', 'd0')},0\n${h('md5', 'd1')},1\n${h('md5', 'd9')},9\n`;
    const second = await importHashList({
      ...base(),
      agencyId: w.a.id,
      path: file('dhs.csv', dhs),
      format: 'csv',
      hashSetName: 'VIC set',
      scheme: 'dhs_legacy',
      onItem: (i) => seen.push(i),
    });
    assert.deepEqual([second.created, second.accepted, second.rejected], [false, 2, 2]);
    assert.deepEqual(second.rejectedBy, { 'unmapped-category': 1, 'unknown-category': 1 });
    assert.deepEqual(
      seen.map((i) => (i.kind === 'row' ? i.line : `${i.line}:${i.code}`)),
      [2, '3:unmapped-category', 4, '5:unknown-category'],
    );
    const { text } = await exported(w.a.id, 'csv', { hashSet: 'VIC set' });
    // DHS 3 is stored as Project VIC 2, DHS 1 as Project VIC 1.
    assert.ok(text.includes(`${h('md5', 'd3')},,,,,2,`));
    assert.ok(text.includes(`${h('md5', 'd1')},,,,,1,`));
    assert.ok(text.includes(`${h('md5', 'a3')},${h('sha1', 'a3')},,${h('sha256', 'p3')},53,3,Sample 1`));
    const dhsOut = await exported(w.a.id, 'csv', { hashSet: 'VIC set' }, { scheme: 'dhs_legacy' });
    assert.deepEqual(dhsOut.summary.unmapped.map((u) => [u.from, u.count]).sort(), [
      ['projectvic_us 0', 2],
      ['projectvic_us 1', 3],
      ['projectvic_us 3', 2],
      ['projectvic_us 4', 2],
    ]);
  });

  test('VICS round trip at the hash-set level: the same rows come back', async () => {
    const w = await makeWorld(suite.database, 'interop-v');
    const lines = ['md5,sha1,sha256,pdq,quality,category,series'];
    for (let i = 0; i < 25; i++) {
      const pdq = i % 2 ? h('sha256', `vp${i}`) : '';
      lines.push(
        `${h('md5', `v${i}`)},${h('sha1', `v${i}`)},${i % 3 ? h('sha256', `v${i}`) : ''},${pdq},,${i % 5},Sample ${i % 4}`,
      );
    }
    await importHashList({
      ...base(),
      agencyId: w.a.id,
      path: file('v.csv', lines.join('\n')),
      format: 'csv',
      hashSetName: 'Original',
    });
    const vics = await exported(w.a.id, 'vics', { hashSet: 'Original' });
    assert.equal(vics.summary.rows, 25);
    const path = file('v.json', vics.text);
    const back = await importHashList({ ...base(), agencyId: w.a.id, path, format: 'auto', hashSetName: 'Copy' });
    assert.deepEqual([back.format, back.accepted, back.rejected], ['vics', 25, 0]);
    const sorted = (t: string) => t.trim().split('\n').sort();
    const a = await exported(w.a.id, 'csv', { hashSet: 'Original' });
    const b = await exported(w.a.id, 'csv', { hashSet: 'Copy' });
    assert.deepEqual(sorted(b.text), sorted(a.text));
    const hashOnly = await exported(w.a.id, 'vics', { hashSet: 'Original' }, { hashOnly: true });
    assert.doesNotMatch(hashOnly.text, /Sample|Series/);
    assert.ok(readFileSync(path, 'utf8').includes('Sample 3'));
  });

  test('an NSRL list fills a known-good set whose hits say so', async () => {
    const w = await makeWorld(suite.database, 'interop-n');
    const rows = ['sha256,sha1,md5,crc32,file_name,file_size,package_id'];
    for (let i = 0; i < 4; i++)
      rows.push(`${h('sha256', `n${i}`)},${h('sha1', `n${i}`)},${h('md5', `n${i}`)},0,sample-${i}.so,1,1`);
    rows.push(`${h('sha256', 'x')},${h('sha1', 'x').slice(1)},,0,sample-x.so,1,1`);
    const r = await importHashList({
      ...base(),
      agencyId: w.a.id,
      path: file('rds.csv', rows.join('\n')),
      format: 'auto',
      hashSetName: 'NSRL',
    });
    assert.deepEqual([r.format, r.hashSet.knownGood, r.accepted, r.rejected], ['nsrl', true, 4, 1]);
    const hits = await new HashSetEntryRepository(suite.database.db, suite.dialect).findByHash(
      'sha1',
      h('sha1', 'n2'),
      w.a.id,
    );
    assert.deepEqual(
      hits.map((x) => [x.hashSetName, x.knownGood, x.entry.sha256]),
      [['NSRL', true, h('sha256', 'n2')]],
    );
  });

  test('a hash set that is not there is refused before anything is written to the output', async () => {
    const w = await makeWorld(suite.database, 'interop-x');
    for (const format of ['csv', 'vics', 'baseline']) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c) => chunks.push(c));
      await assert.rejects(
        exportHashList({
          ...base(),
          agencyId: w.a.id,
          format,
          source: { hashSet: 'No such set' },
          hashOnly: false,
          out,
        }),
        /There is no hash set "No such set" this agency may see/,
      );
      assert.equal(Buffer.concat(chunks).toString('utf8'), '', `${format}: no header on stdout before the error`);
    }
  });
});
