import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sampleEntry, sampleMedia, vicsText } from '../../../test/support/vics-fixture.js';
import { AppError } from '../../domain/app-error.js';
import { alternativeHash, type VicsItem, type VicsMedia } from './vics-media.js';
import { readVics } from './vics-reader.js';

function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

async function readAll(input: string | Buffer, chunkSize = 1 << 20): Promise<VicsItem[]> {
  const items: VicsItem[] = [];
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  for await (const item of readVics(chunked(bytes, chunkSize))) items.push(item);
  return items;
}

const media = (items: VicsItem[]): VicsMedia[] => items.flatMap((i) => (i.kind === 'media' ? [i.media] : []));
const entries = (...objects: object[]) => objects.map((o) => JSON.stringify(o));
const v1 = (...objects: object[]) => vicsText(entries(...objects), { version: '1.3' });

describe('readVics', () => {
  test('a 1.x #Media hash set: header, then each entry normalised', async () => {
    const items = await readAll(v1(sampleEntry(0), sampleEntry(1)));
    assert.deepEqual(items[0], {
      kind: 'header',
      version: '1.3',
      flavour: 'Default',
      entitySet: 'Media',
      context: 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media',
    });
    const [a] = media(items);
    const raw = sampleEntry(0);
    assert.equal(a.md5, String(raw.MD5).toLowerCase());
    assert.equal(a.sha1, raw.SHA1);
    assert.equal(a.category, '0');
    assert.equal(a.mediaSize, 1000);
    assert.equal(a.relativeFilePath, 'export/sample-0001.jpg');
    assert.equal(a.victimIdentified, true);
    assert.equal(a.dateUpdated?.toISOString(), '2024-01-02T03:04:05.000Z');
    assert.equal(a.mediaFiles[0].fileName, 'sample-0001.jpg');
    assert.equal(a.mediaFiles[0].filePath, 'C:\\samples\\set-a');
    assert.equal(a.mediaFiles[0].created?.toISOString(), '2023-05-06T07:08:09.000Z');
    assert.equal(alternativeHash(a, 'pdq'), (raw.AlternativeHashes as { HashValue: string }[])[0].HashValue);
    assert.deepEqual(
      items.map((i) => (i.kind === 'media' ? i.index : i.kind)),
      ['header', 0, 1],
    );
  });

  test('sample entries read back as their normalised form', async () => {
    const got = media(await readAll(v1(...Array.from({ length: 30 }, (_, i) => sampleEntry(i)))));
    assert.deepEqual(
      got,
      Array.from({ length: 30 }, (_, i) => sampleMedia(i)),
    );
  });

  test('2.0 case exports in each flavour: one header for the file, one per case with its fields', async () => {
    for (const flavour of ['US', 'UK', undefined] as const) {
      const text = vicsText(entries(sampleEntry(0)), { version: '2.0', flavour, cases: true }, '"CaseID":"c-1"');
      const items = await readAll(text, 7);
      const headers = items.filter((i) => i.kind === 'header');
      assert.equal(headers.length, 2);
      assert.equal(headers[0].kind === 'header' && headers[0].flavour, flavour ?? 'Default');
      assert.equal(headers[1].kind === 'header' && headers[1].entitySet, 'Cases');
      assert.deepEqual(headers[1].kind === 'header' && headers[1].caseInfo, { CaseID: 'c-1' });
      assert.equal(media(items).length, 1);
    }
  });

  test('a 1.x #Cases export with two cases; case fields after the Media list come in a second header', async () => {
    const text = `{"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.2.xml#Cases","value":[
      {"CaseNumber":"A","Media":[${JSON.stringify(sampleEntry(0))}]},
      {"Media":[${JSON.stringify(sampleEntry(1))},${JSON.stringify(sampleEntry(2))}],"CaseNumber":"B"}]}`;
    const items = await readAll(text, 64);
    const shape = items.map((i) => (i.kind === 'header' ? `h:${i.caseInfo?.CaseNumber ?? ''}` : i.kind));
    assert.deepEqual(shape, ['h:', 'h:A', 'media', 'h:', 'media', 'media', 'h:B']);
    assert.deepEqual(
      items.flatMap((i) => (i.kind === 'media' ? [i.index] : [])),
      [0, 1, 2],
    );
  });

  test('quirk: a UTF-8 byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(v1(sampleEntry(0)))]);
    for (const size of [1, 2, 3, 4096]) assert.equal(media(await readAll(bytes, size)).length, 1);
  });

  test('quirk: UTF-16LE with a byte order mark, as older exporters wrote', async () => {
    const entry = { ...sampleEntry(0), Comments: 'café ✓' };
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(v1(entry), 'utf16le')]);
    const [m] = media(await readAll(bytes, 5));
    assert.equal(m.comments, 'café ✓');
  });

  test('quirk: booleans written as strings', async () => {
    const e = { ...sampleEntry(0), VictimIdentified: 'True', OffenderIdentified: 'false', IsDistributed: '1' };
    const [m] = media(await readAll(v1({ ...e, IsSuspected: 'FALSE', SelfGenerated: 'true' })));
    assert.deepEqual(
      [m.victimIdentified, m.offenderIdentified, m.isDistributed, m.isSuspected, m.selfGenerated],
      [true, false, true, false, true],
    );
  });

  test('quirk: IsPrecategorized true with a null Category is kept, uncategorised', async () => {
    const e = { ...sampleEntry(0), Category: null, IsPrecategorized: 'true', PrecategorizationSource: 'tool-x' };
    const items = await readAll(v1(e));
    const [m] = media(items);
    assert.equal(m.category, null);
    assert.equal(m.isPrecategorized, true);
    assert.equal(m.precategorizationSource, 'tool-x');
  });

  test('quirk: .NET /Date(ms)/ times, escaped as .NET writes them', async () => {
    const text = v1({ ...sampleEntry(0), DateUpdated: '\u0000' }).replace(
      '"\\u0000"',
      '"\\/Date(1420070400000+0000)\\/"',
    );
    const [m] = media(await readAll(text));
    assert.equal(m.dateUpdated?.toISOString(), '2015-01-01T00:00:00.000Z');
  });

  test('quirk: one file referenced by many Media entries gives every entry', async () => {
    const shared = { FileName: 'sample-0001.jpg', FilePath: 'C:\\samples' };
    const a = { ...sampleEntry(0), RelativeFilePath: 'same/sample-0001.jpg', MediaFiles: [shared] };
    const b = { ...sampleEntry(1), RelativeFilePath: 'same/sample-0001.jpg', MediaFiles: [shared] };
    const got = media(await readAll(v1(a, b, a)));
    assert.equal(got.length, 3);
    assert.deepEqual(
      got.map((m) => m.mediaFiles[0].fileName),
      ['sample-0001.jpg', 'sample-0001.jpg', 'sample-0001.jpg'],
    );
    assert.notEqual(got[0].md5, got[1].md5);
    assert.equal(got[0].md5, got[2].md5);
  });

  test('quirk: upper- and lower-case hex come out lower-case, also PDQ in AlternativeHashes', async () => {
    const e = {
      ...sampleEntry(0),
      MD5: 'ABCDEF0123456789ABCDEF0123456789',
      SHA1: 'AbCdEf0123456789aBcDeF0123456789AbCdEf01',
      AlternativeHashes: [
        { HashName: 'PDQ', HashValue: 'F'.repeat(64) },
        { HashName: 'PhotoDNA', HashValue: 'AbC+/=' },
      ],
    };
    const [m] = media(await readAll(v1(e)));
    assert.equal(m.md5, 'abcdef0123456789abcdef0123456789');
    assert.equal(m.sha1, 'abcdef0123456789abcdef0123456789abcdef01');
    assert.equal(alternativeHash(m, 'PDQ'), 'f'.repeat(64));
    assert.equal(alternativeHash(m, 'PhotoDNA'), 'AbC+/=', 'Base64 is not hex: kept as written');
  });

  test('quirk: unknown fields are kept, at every level', async () => {
    const e = {
      'odata.id': 'Media(1)',
      ...sampleEntry(0),
      VendorScore: { a: [1, 2] },
      MediaFiles: [{ FileName: 'sample-0001.jpg', SourceID: 'disk-1' }],
      Exifs: [{ PropertyName: 'Make', PropertyValue: 'TestCam', Group: 'IFD0' }],
    };
    const [m] = media(await readAll(v1(e)));
    assert.deepEqual(m.extra, { 'odata.id': 'Media(1)', VendorScore: { a: [1, 2] } });
    assert.deepEqual(m.mediaFiles[0].extra, { SourceID: 'disk-1' });
    assert.deepEqual(m.exifs[0], { propertyName: 'Make', propertyValue: 'TestCam', extra: { Group: 'IFD0' } });
  });

  test('a malformed entry is one rejection with its index and field; the read goes on', async () => {
    const good = JSON.stringify(sampleEntry(0));
    const list = [
      good,
      JSON.stringify({ ...sampleEntry(1), MD5: 'not-hex' }),
      '{"MD5": tru}',
      JSON.stringify({ ...sampleEntry(3), MediaFiles: [{ Created: 'someday' }] }),
      JSON.stringify({ MediaID: 5, Comments: 'no hash at all' }),
      '"just text"',
      JSON.stringify({ ...sampleEntry(6), AlternativeHashes: [{ HashName: 'PDQ', HashValue: 'abc' }] }),
      good,
    ];
    const items = await readAll(vicsText(list, { version: '2.0', flavour: 'US' }), 50);
    const rejected = items.filter((i) => i.kind === 'rejected');
    assert.deepEqual(
      rejected.map((r) => [r.index, r.field]),
      [
        [1, 'MD5'],
        [2, undefined],
        [3, 'MediaFiles[0].Created'],
        [4, undefined],
        [5, undefined],
        [6, 'AlternativeHashes[0].HashValue'],
      ],
    );
    assert.match(rejected[1].kind === 'rejected' ? rejected[1].reason : '', /not valid JSON/);
    assert.deepEqual(
      items.flatMap((i) => (i.kind === 'media' ? [i.index] : [])),
      [0, 7],
    );
  });

  test('a truncated file: the entries before the cut, then a rejection saying so', async () => {
    const text = v1(sampleEntry(0), sampleEntry(1));
    const items = await readAll(text.slice(0, text.lastIndexOf('sample-0002')));
    assert.equal(media(items).length, 1);
    const last = items.at(-1);
    assert.deepEqual(last, { kind: 'rejected', index: 1, reason: 'the file ends inside this entry (truncated)' });
  });

  test('a file that is not VICS is an unsupported-format AppError', async () => {
    const cases = [
      '',
      'md5,sha1\n',
      '[1,2,3]',
      '{"name":"x","items":[1,2]}',
      '{"odata.metadata":"http://example.org/other.xml#Things","value":[]}',
      '{"value":[{"MD5":"x"}]}',
      '{"a":1}',
      '\u0089PNG\r\n',
    ];
    for (const text of cases) {
      await assert.rejects(readAll(text), (e: unknown) => AppError.is(e, 'unsupported-format'), JSON.stringify(text));
    }
  });

  test('memory stays flat: 60 MB made on the fly are read holding about one chunk', async () => {
    const count = 125_000;
    const entry = Buffer.from(JSON.stringify(sampleEntry(0)));
    async function* produce() {
      yield Buffer.from(
        `{${'"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media"'},"value":[`,
      );
      const perChunk = 1000;
      for (let i = 0; i < count; i += perChunk) {
        const parts: Buffer[] = [];
        for (let k = 0; k < perChunk; k++) parts.push(i + k === 0 ? entry : Buffer.concat([Buffer.from(','), entry]));
        yield Buffer.concat(parts);
      }
      yield Buffer.from(']}');
    }
    // Live memory, not garbage not yet collected: a full collection before each sample.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let n = 0;
    for await (const item of readVics(produce())) {
      if (item.kind === 'media' && ++n % 25_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    assert.equal(n, count);
    const grewMb = (peak - before) / 2 ** 20;
    const inputMb = (count * entry.length) / 2 ** 20;
    assert.ok(inputMb > 55, `input ${inputMb} MB`);
    assert.ok(grewMb < 16, `heap grew ${grewMb.toFixed(1)} MB while reading ${inputMb.toFixed(0)} MB`);
  });

  test('reads a file by path, in chunks of the file stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-vics-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'set.json');
    writeFileSync(path, v1(...Array.from({ length: 50 }, (_, i) => sampleEntry(i))));
    let n = 0;
    for await (const item of readVics(path)) if (item.kind === 'media') n++;
    assert.equal(n, 50);
    await assert.rejects(
      (async () => {
        for await (const _ of readVics(join(dir, 'missing.json'))) void _;
      })(),
      (e: unknown) => AppError.is(e, 'unreadable-file'),
    );
  });
});
