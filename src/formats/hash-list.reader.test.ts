import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { readHashList } from './hash-list.reader.js';
import { writeHashListCsv } from './hash-list.writer.js';
import type { HashListItem } from './hash-list-item.js';
import { readHma } from './hma.reader.js';
import { readNsrl } from './nsrl.reader.js';
import { readLines, stringLines } from './text-lines.js';

const h = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');
const md5 = (i: number) => h('md5', `sample-${i}`);
const sha1 = (i: number) => h('sha1', `sample-${i}`);
const sha256 = (i: number) => h('sha256', `sample-${i}`);
const pdq = (i: number) => h('sha256', `pdq-${i}`);

async function all(items: AsyncIterable<HashListItem>): Promise<HashListItem[]> {
  const out: HashListItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const rows = (items: HashListItem[]) => items.flatMap((i) => (i.kind === 'row' ? [i.row] : []));
const rejects = (items: HashListItem[]) => items.flatMap((i) => (i.kind === 'rejected' ? [[i.line, i.code]] : []));

test('a plain list: one hash a line, mixed kinds, comments, BOM and CRLF', async () => {
  const text = `\uFEFF# sample list\r\n${md5(1)}\r\n\r\n// another comment\r\n${sha1(2).toUpperCase()}\r\n${sha256(3)}\r\n${md5(4).slice(1)}\r\nxyz${md5(5).slice(3)}\r\n`;
  const items = await all(readHashList(stringLines(text)));
  assert.deepEqual(
    rows(items).map((r) => [r.md5, r.sha1, r.sha256]),
    [
      [md5(1), null, null],
      [null, sha1(2), null],
      [null, null, sha256(3)],
    ],
  );
  assert.deepEqual(rejects(items), [
    [7, 'wrong-length'],
    [8, 'malformed-hex'],
  ]);
});

test('a CSV with a header in any order and case, quoted fields, extra columns ignored', async () => {
  const text = [
    'Series,"File Name",SHA-1,MD5,Category,PDQ,Quality',
    `"Sample ""A""",sample-0001.jpg,${sha1(1)},${md5(1)},1,${pdq(1)},90`,
    `,sample-0002.jpg,,${md5(2)},,,`,
    `,sample-0003.jpg,${sha1(3)}0,${md5(3)},2,,`,
    `,sample-0004.jpg,,,3,,`,
    `,sample-0005.jpg,,${md5(5)},,${pdq(5)},101`,
  ].join('\n');
  const items = await all(readHashList(stringLines(text)));
  assert.deepEqual(rows(items), [
    { md5: md5(1), sha1: sha1(1), sha256: null, pdq: pdq(1), pdqQuality: 90, category: '1', series: 'Sample "A"' },
    { md5: md5(2), sha1: null, sha256: null, pdq: null, pdqQuality: null, category: null, series: null },
  ]);
  assert.deepEqual(rejects(items), [
    [4, 'wrong-length'],
    [5, 'no-hash'],
    [6, 'bad-quality'],
  ]);
});

test('without a header, columns are told apart by the length of the hex', async () => {
  const text = `${md5(1)},${sha1(1)},${sha256(1)},sample-0001.jpg\n${md5(2)},${sha1(2)},${sha256(2)},sample-0002.jpg\n`;
  const got = rows(await all(readHashList(stringLines(text))));
  assert.deepEqual(
    got.map((r) => [r.md5, r.sha1, r.sha256]),
    [
      [md5(1), sha1(1), sha256(1)],
      [md5(2), sha1(2), sha256(2)],
    ],
  );
});

test('NSRL RDS 2.x and RDSv3 CSV: hashes only, upper-case hex lowered, names never read', async () => {
  const v2 = [
    '"SHA-1","MD5","CRC32","FileName","FileSize","ProductCode","OpSystemCode","SpecialCode"',
    `"${sha1(1).toUpperCase()}","${md5(1).toUpperCase()}","0A1B2C3D","sample-0001.dll",1024,123,"358",""`,
    `"${sha1(2).toUpperCase()}Z","${md5(2).toUpperCase()}","0A1B2C3D","sample-0002.dll",1024,123,"358",""`,
  ].join('\r\n');
  const items = await all(readNsrl(stringLines(v2)));
  assert.deepEqual(rows(items), [
    { md5: md5(1), sha1: sha1(1), sha256: null, pdq: null, pdqQuality: null, category: null, series: null },
  ]);
  assert.deepEqual(rejects(items), [[3, 'malformed-hex']]);
  const v3 = `sha256,sha1,md5,crc32,file_name,file_size,package_id\n${sha256(3)},${sha1(3)},${md5(3)},00000000,sample-0003.so,10,7\n`;
  assert.deepEqual(
    rows(await all(readNsrl(stringLines(v3)))).map((r) => [r.sha256, r.sha1, r.md5]),
    [[sha256(3), sha1(3), md5(3)]],
  );
  const noHeader = await all(readNsrl(stringLines(`${sha1(4)},${md5(4)}\n`)));
  assert.deepEqual(rejects(noHeader), [[1, 'malformed-row']]);
});

test('HMA-style lists: signal_type,signal_value and hash,quality', async () => {
  const banks = `signal_type,signal_value,bank\npdq,${pdq(1)},sample-bank\nvideo_md5,${md5(2)},sample-bank\nphotodna,abc,x\npdq,${pdq(3).slice(2)},x\n`;
  const items = await all(readHma(stringLines(banks)));
  assert.deepEqual(
    rows(items).map((r) => [r.pdq, r.md5]),
    [
      [pdq(1), null],
      [null, md5(2)],
    ],
  );
  assert.deepEqual(rejects(items), [
    [4, 'malformed-row'],
    [5, 'wrong-length'],
  ]);
  for (const text of [`hash,quality\n${pdq(4)},100\n`, `${pdq(4)},100,sample-0004.jpg\n`]) {
    assert.deepEqual(
      rows(await all(readHma(stringLines(text)))).map((r) => [r.pdq, r.pdqQuality, r.sha256]),
      [[pdq(4), 100, null]],
    );
  }
});

test('the CSV writer writes what the reader reads back; hash-only drops the series', async () => {
  const row = {
    md5: md5(1),
    sha1: null,
    sha256: sha256(1),
    pdq: pdq(1),
    pdqQuality: 77,
    category: 'A',
    series: 'S=1,x',
  };
  for (const layout of ['full', 'hash-only'] as const) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    await writeHashListCsv(
      (async function* () {
        yield row;
      })(),
      out,
      layout,
    );
    out.end();
    const back = rows(await all(readHashList(readLines(PassThrough.from(Buffer.concat(chunks))))));
    assert.deepEqual(back, [layout === 'full' ? row : { ...row, series: null }]);
  }
});
