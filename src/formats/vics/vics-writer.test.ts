import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { sampleEntry, vicsText } from '../../../test/support/vics-fixture.js';
import { emptyVicsMedia, type VicsItem, type VicsMedia } from './vics-media.js';
import { readVics } from './vics-reader.js';
import { type WriteVicsOptions, writeVics } from './vics-writer.js';

async function readText(text: string): Promise<VicsItem[]> {
  const items: VicsItem[] = [];
  for await (const item of readVics(PassThrough.from([Buffer.from(text)]))) items.push(item);
  return items;
}

const mediaOf = (items: VicsItem[]) => items.flatMap((i) => (i.kind === 'media' ? [i.media] : []));

async function written(media: VicsMedia[], options: WriteVicsOptions): Promise<string> {
  const parts: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk, _enc, done) {
      parts.push(chunk);
      setImmediate(done);
    },
  });
  const result = await writeVics(media, out, options);
  assert.equal(result.written, media.length);
  return Buffer.concat(parts).toString('utf8');
}

/** Every field the issue lists, children included, plus unknown fields at each level. */
function fullMedia(i: number): VicsMedia {
  return {
    ...emptyVicsMedia(),
    mediaId: i + 1,
    category: String(i % 5),
    md5: `${'0'.repeat(31)}${i % 10}`,
    sha1: `${'a'.repeat(39)}${i % 10}`,
    mediaSize: 2048 + i,
    dateUpdated: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    mimeType: 'video/mp4',
    relativeFilePath: `export/sample-${i}.mp4`,
    victimIdentified: true,
    offenderIdentified: false,
    isDistributed: true,
    isSuspected: false,
    selfGenerated: false,
    isPrecategorized: true,
    precategorizationSource: 'tool-x',
    comments: 'a note about sample',
    tags: 'tag-a;tag-b',
    series: 'series-7',
    photoDna: 'QUJD',
    mediaFiles: [
      {
        fileName: `sample-${i}.mp4`,
        filePath: 'D:\\set',
        created: new Date(0),
        written: new Date(1000),
        accessed: null,
        unallocated: false,
        deleted: true,
        physicalLocation: 4096,
        extra: { SourceID: 'disk-1' },
      },
    ],
    alternativeHashes: [
      { hashName: 'PDQ', hashValue: 'c'.repeat(64), extra: {} },
      { hashName: 'SHA256', hashValue: 'd'.repeat(64), extra: { Quality: 90 } },
    ],
    exifs: [{ propertyName: 'Make', propertyValue: 'TestCam', extra: {} }],
    segments: [{ start: '00:00:01', end: '00:00:02', category: '1', extra: { SegmentIndex: 0 } }],
    mediaMetadata: [{ propertyName: 'Duration', propertyValue: '3', extra: {} }],
    extra: { 'odata.id': `Media(${i + 1})`, VendorScore: { a: [1, null] } },
  };
}

describe('writeVics', () => {
  test('read → write → read keeps every field, in 1.x, 2.0 US/UK/Default and as a case export', async () => {
    const media = [fullMedia(0), fullMedia(1), { ...emptyVicsMedia(), md5: 'f'.repeat(32), category: 'A' }];
    const forms: WriteVicsOptions[] = [
      { version: '1.3' },
      { version: '2.0', flavour: 'US' },
      { version: '2.0', flavour: 'UK' },
      { version: '2.0' },
      { version: '2.0', flavour: 'US', caseInfo: { CaseID: 'c-1', CaseNumber: 'TEST-1', Media: ['dropped'] } },
    ];
    for (const form of forms) {
      const text = await written(media, form);
      JSON.parse(text);
      const items = await readText(text);
      assert.deepEqual(mediaOf(items), media, JSON.stringify(form));
      const header = items[0];
      assert.equal(header.kind === 'header' && header.version, form.version);
      assert.equal(header.kind === 'header' && header.flavour, form.flavour ?? 'Default');
      if (form.caseInfo) {
        assert.deepEqual(items[1].kind === 'header' && items[1].caseInfo, { CaseID: 'c-1', CaseNumber: 'TEST-1' });
      }
    }
  });

  test('a generated export read and written again is the same media', async () => {
    const source = vicsText(
      Array.from({ length: 20 }, (_, i) => JSON.stringify(sampleEntry(i))),
      { version: '2.0', flavour: 'UK', cases: true },
    );
    const first = mediaOf(await readText(source));
    const again = mediaOf(await readText(await written(first, { version: '1.3' })));
    assert.equal(first.length, 20);
    assert.deepEqual(again, first);
  });

  test('numeric categories are written as numbers, others as text', async () => {
    const text = await written(
      [
        { ...emptyVicsMedia(), md5: 'e'.repeat(32), category: '2' },
        { ...emptyVicsMedia(), md5: 'e'.repeat(32), category: 'B' },
      ],
      { version: '2.0', flavour: 'US' },
    );
    const doc = JSON.parse(text) as { value: { Category: unknown }[] };
    assert.deepEqual(
      doc.value.map((v) => v.Category),
      [2, 'B'],
    );
  });

  test('hash-only: nothing but hashes and categories, even from a case export', async () => {
    const text = await written([fullMedia(3)], {
      version: '2.0',
      flavour: 'US',
      hashOnly: true,
      caseInfo: { CaseNumber: 'TEST-1' },
    });
    const doc = JSON.parse(text) as Record<string, unknown> & { value: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(doc), ['@odata.context', 'value']);
    assert.match(String(doc['@odata.context']), /#Media$/);
    assert.deepEqual(doc.value, [
      {
        Category: 3,
        MD5: `${'0'.repeat(31)}3`,
        SHA1: `${'a'.repeat(39)}3`,
        PhotoDNA: 'QUJD',
        AlternativeHashes: [
          { HashName: 'PDQ', HashValue: 'c'.repeat(64) },
          { HashName: 'SHA256', HashValue: 'd'.repeat(64) },
        ],
      },
    ]);
    for (const leak of [
      'sample',
      'D:\\\\set',
      'TestCam',
      'tag-a',
      'series-7',
      'note',
      'TEST-1',
      'disk-1',
      'Vendor',
      'Media(',
    ]) {
      assert.equal(text.includes(leak), false, `hash-only output holds "${leak}"`);
    }
  });

  test('an empty list is a valid file', async () => {
    const items = await readText(await written([], { version: '1.3' }));
    assert.deepEqual(
      items.map((i) => i.kind),
      ['header'],
    );
  });

  test('streams from an async source and waits for a slow writer', async () => {
    async function* many() {
      for (let i = 0; i < 3000; i++)
        yield { ...emptyVicsMedia(), md5: `${'1'.repeat(28)}${String(i).padStart(4, '0')}` };
    }
    const parts: Buffer[] = [];
    let pending = 0;
    let maxPending = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk, _enc, done) {
        pending++;
        maxPending = Math.max(maxPending, out.writableLength);
        parts.push(chunk);
        setTimeout(() => {
          pending--;
          done();
        }, 1);
      },
    });
    const { written: n } = await writeVics(many(), out, { version: '2.0' });
    await new Promise<void>((resolve) => out.end(resolve));
    assert.equal(n, 3000);
    assert.ok(maxPending <= 512 * 1024, `buffered ${maxPending} bytes`);
    assert.equal(mediaOf(await readText(Buffer.concat(parts).toString())).length, 3000);
    assert.equal(pending, 0);
  });
});
