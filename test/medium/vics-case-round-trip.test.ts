import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { RejectedItem } from '../../src/formats/hash-list-item.js';
import { readVics, type VicsMedia } from '../../src/formats/vics/index.js';
import { exportHashList } from '../../src/services/hash-list-export.service.js';
import { importVicsCase } from '../../src/services/vics-case-import.service.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaCategoryRepository } from '../../src/storage/media-category.repository.js';
import { tempFolder } from '../support/temp-folder.js';
import { fakeHex, vicsText } from '../support/vics-fixture.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld } from './records-fixtures.js';

const { file } = tempFolder('vigil-vics-case-');

/** A made-up case entry with every field the issue lists, in the quirky forms real exports use. */
function richEntry(i: number, salt: number, more: Record<string, unknown> = {}): Record<string, unknown> {
  const name = `picture-${salt}-${i}.jpg`;
  return {
    MediaID: i + 1,
    Category: i % 5,
    MD5: fakeHex(i, 32, salt).toUpperCase(),
    SHA1: fakeHex(i, 40, salt + 1),
    MediaSize: 2000 + i,
    DateUpdated: `/Date(${1_700_000_000_000 + i * 1000})/`,
    MimeType: 'image/jpeg',
    RelativeFilePath: `export/${name}`,
    VictimIdentified: i % 2 === 0 ? 'true' : false,
    OffenderIdentified: i % 3 === 0,
    IsDistributed: 'False',
    IsSuspected: true,
    SelfGenerated: false,
    IsPrecategorized: false,
    PrecategorizationSource: null,
    Comments: `note ${i}`,
    Tags: `tag-${i};outdoor`,
    Series: i % 2 === 0 ? 'Series Alpha' : 'Series Beta',
    // A made-up 144-byte PhotoDNA value, Base64 as exports write it (kept as written, case and all).
    PhotoDNA: Buffer.from(fakeHex(i, 288, salt + 4), 'hex').toString('base64'),
    VendorScore: { value: i, kind: 'made-up' },
    MediaFiles: [
      { FileName: name, FilePath: 'C:\\exhibit\\folder', Created: '2023-05-06T07:08:09Z', Deleted: 'false', Slack: 1 },
      ...(i === 1 ? [{ FileName: `copy-${name}`, FilePath: 'D:/other/', Written: '/Date(1600000000000)/' }] : []),
    ],
    AlternativeHashes: [
      { HashName: 'SHA256', HashValue: fakeHex(i, 64, salt + 2).toUpperCase() },
      { HashName: 'PDQ', HashValue: fakeHex(i, 64, salt + 3) },
    ],
    Exifs: [{ PropertyName: 'Model', PropertyValue: `Camera ${i}` }],
    Segments: [{ Start: '00:00:01', End: '00:00:04', Category: 1 }],
    MediaMetadata: [{ PropertyName: 'Width', PropertyValue: '640' }],
    ...more,
  };
}

async function mediaOf(path: string): Promise<VicsMedia[]> {
  const out: VicsMedia[] = [];
  for await (const item of readVics(path)) if (item.kind === 'media') out.push(item.media);
  return out;
}

describeEachDialect('VICS case export round trip', (suite) => {
  const db = () => suite.database.db;

  async function exported(agencyId: number, reference: string, more: { hashOnly?: boolean; scheme?: string } = {}) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    const summary = await exportHashList({
      db: db(),
      dialect: suite.dialect,
      agencyId,
      format: 'vics',
      source: { case: reference },
      hashOnly: more.hashOnly ?? false,
      scheme: more.scheme ?? null,
      out,
    });
    return { summary, text: Buffer.concat(chunks).toString('utf8') };
  }

  test('1.x #Cases: import, export, re-import keeps media, categories, series, flags and file entries', async () => {
    const w = await makeWorld(suite.database, 'vcase');
    const entries = [0, 1, 2, 3].map((i) => JSON.stringify(richEntry(i, 10)));
    // Hashes only, no SHA-256: kept without a media record.
    entries.push(
      JSON.stringify({ MD5: fakeHex(4, 32, 10), SHA1: fakeHex(4, 40, 11), Category: 2, Comments: 'no sha256' }),
    );
    entries.push(
      JSON.stringify({
        ...richEntry(5, 10),
        Category: null,
        IsPrecategorized: 'true',
        PrecategorizationSource: 'Tool X',
      }),
    );
    entries.push(JSON.stringify({ ...richEntry(6, 10), MD5: 'not-hex' }));
    entries.push(JSON.stringify({ ...richEntry(7, 10), Category: 9 }));
    const text = `\uFEFF${vicsText(entries, { version: '1.3', cases: true }, '"CaseID":"77","CaseNumber":"OP-1","Custom":[1,2]')}`;
    const original = file(`case-${suite.dialect}.json`, text);
    const rejected: RejectedItem[] = [];
    const ref1 = `round-1-${w.a.id}`;
    const first = await importVicsCase({
      db: db(),
      dialect: suite.dialect,
      agencyId: w.a.id,
      path: original,
      caseReference: ref1,
      onRejected: (r) => rejected.push(r),
    });
    assert.deepEqual(
      [first.accepted, first.rejected, first.mediaAdded, first.withoutMedia, first.sightings, first.series],
      [6, 2, 5, 1, 6, 2],
    );
    assert.deepEqual(
      rejected.map((r) => [r.line, r.code]),
      [
        [6, 'malformed-row'],
        [7, 'unknown-category'],
      ],
    );
    assert.match(rejected[0]?.reason ?? '', /MD5/);

    // Vigil's own records: media by SHA-256 with the file's digests, size and type; sightings; category; series.
    const sha256 = fakeHex(1, 64, 12);
    const media = await db().selectFrom('media').selectAll().where('sha256', '=', sha256).executeTakeFirstOrThrow();
    assert.deepEqual(
      [media.md5, media.sha1, Number(media.size), media.mime],
      [fakeHex(1, 32, 10), fakeHex(1, 40, 11), 2001, 'image/jpeg'],
    );
    const paths = await db()
      .selectFrom('sightings')
      .innerJoin('exhibits', 'exhibits.id', 'sightings.exhibit_id')
      .innerJoin('cases', 'cases.id', 'exhibits.case_id')
      .select(['sightings.path', 'sightings.file_modified_at'])
      .where('sightings.media_id', '=', media.id)
      .where('cases.reference', '=', ref1)
      .orderBy('sightings.path')
      .execute();
    assert.deepEqual(
      paths.map((p) => [p.path, p.file_modified_at === null ? null : Number(p.file_modified_at)]),
      [
        ['C:\\exhibit\\folder\\picture-10-1.jpg', null],
        ['D:/other/copy-picture-10-1.jpg', 1_600_000_000_000],
      ],
    );
    const category = await new MediaCategoryRepository(db()).of(w.a.id, [media.id]);
    assert.deepEqual([category.get(media.id)?.scheme, category.get(media.id)?.code], ['projectvic_us', '1']);
    const members = await db()
      .selectFrom('links')
      .innerJoin('series', 'series.id', 'links.to_id')
      .select('series.reference')
      .where('links.from_id', '=', media.id)
      .where('links.relation', '=', 'member')
      .where('series.agency_id', '=', w.a.id)
      .execute();
    assert.deepEqual(
      members.map((m) => m.reference),
      ['Series Beta'],
    );
    const pdq = await db()
      .selectFrom('signals')
      .select('value')
      .where('media_id', '=', media.id)
      .where('type', '=', 'pdq')
      .execute();
    assert.deepEqual(
      pdq.map((p) => p.value),
      [fakeHex(1, 64, 13)],
    );

    // Export: a 1.3 #Cases file with the case's fields; read back, every accepted entry equals the original's reading.
    const out1 = await exported(w.a.id, ref1);
    const json1 = JSON.parse(out1.text);
    assert.equal(json1['odata.metadata'], 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases');
    assert.deepEqual([json1.value[0].CaseID, json1.value[0].CaseNumber, json1.value[0].Custom], ['77', 'OP-1', [1, 2]]);
    assert.equal(out1.summary.rows, 6);
    const exportedPath = file(`export-${suite.dialect}.json`, out1.text);
    const want = (await mediaOf(original)).filter((m) => m.md5 !== null && m.category !== '9');
    assert.equal(want.length, 6);
    assert.deepEqual(await mediaOf(exportedPath), want);
    // PhotoDNA (Base64, 192 characters) goes out exactly as it came in.
    assert.equal(want.filter((m) => m.photoDna?.length === 192).length, 5);
    const md5 = fakeHex(1, 32, 10);
    const sent = json1.value[0].Media.find((m: { MD5: string }) => m.MD5.toLowerCase() === md5);
    assert.equal(sent?.PhotoDNA, Buffer.from(fakeHex(1, 288, 14), 'hex').toString('base64'));

    // Re-import into another case: the same media (found, not added), series, categories; the export matches.
    const ref2 = `round-2-${w.a.id}`;
    const second = await importVicsCase({
      db: db(),
      dialect: suite.dialect,
      agencyId: w.a.id,
      path: exportedPath,
      caseReference: ref2,
    });
    assert.deepEqual(
      [second.accepted, second.rejected, second.mediaAdded, second.mediaFound, second.withoutMedia],
      [6, 0, 0, 5, 1],
    );
    const out2 = await exported(w.a.id, ref2);
    assert.deepEqual(JSON.parse(out2.text), json1);

    // Importing the same file into the same case adds nothing.
    const again = await importVicsCase({
      db: db(),
      dialect: suite.dialect,
      agencyId: w.a.id,
      path: exportedPath,
      caseReference: ref2,
    });
    assert.deepEqual([again.accepted, again.duplicates, again.mediaAdded, again.sightings], [6, 6, 0, 0]);
    assert.equal((await exported(w.a.id, ref2)).summary.rows, 6);

    // The agency's category now is what goes out.
    await new MediaCategoryRepository(db()).set(
      w.a.id,
      media.id,
      (await categoryId('projectvic_us', '3')) as number,
      null,
      1,
    );
    const recat = await mediaOf(file(`recat-${suite.dialect}.json`, (await exported(w.a.id, ref1)).text));
    assert.deepEqual(
      recat.map((m) => m.category),
      ['0', '3', '2', '3', '2', null],
    );
  });

  async function categoryId(scheme: string, code: string): Promise<number | undefined> {
    const row = await db()
      .selectFrom('category_values')
      .innerJoin('category_schemes', 'category_schemes.id', 'category_values.scheme_id')
      .select('category_values.id')
      .where('category_schemes.code', '=', scheme)
      .where('category_values.code', '=', code)
      .executeTakeFirst();
    return row?.id;
  }

  test('a hash-only export of an imported case holds nothing but hashes and categories', async () => {
    const w = await makeWorld(suite.database, 'vcase-h');
    const entries = [0, 1, 2].map((i) => JSON.stringify(richEntry(i, 40)));
    entries.push(JSON.stringify({ MD5: fakeHex(3, 32, 40), Category: 1, Comments: 'kept note' }));
    const path = file(`hash-only-${suite.dialect}.json`, vicsText(entries, { version: '2.0', cases: true }));
    const ref = `hash-only-${w.a.id}`;
    await importVicsCase({ db: db(), dialect: suite.dialect, agencyId: w.a.id, path, caseReference: ref });
    const { text, summary } = await exported(w.a.id, ref, { hashOnly: true });
    assert.equal(summary.rows, 4);
    const json = JSON.parse(text);
    assert.match(json['@odata.context'], /#Media$/);
    assert.deepEqual(Object.keys(json).sort(), ['@odata.context', 'value']);
    for (const m of json.value) {
      for (const key of Object.keys(m))
        assert.ok(['MD5', 'SHA1', 'Category', 'PhotoDNA', 'AlternativeHashes'].includes(key), key);
      for (const h of m.AlternativeHashes ?? []) assert.deepEqual(Object.keys(h).sort(), ['HashName', 'HashValue']);
    }
    assert.deepEqual(
      json.value.map((m: { Category?: number }) => m.Category),
      [0, 1, 2, 1],
    );
    for (const leak of ['picture-', 'note', 'tag-', 'Series', 'Camera', 'exhibit', 'VendorScore', 'kept note'])
      assert.ok(!text.includes(leak), leak);
  });

  test('conflicting digests are rejected; scanned media join the export; unmappable categories are reported', async () => {
    const w = await makeWorld(suite.database, 'vcase-mix');
    const clash = richEntry(1, 90, {
      MD5: fakeHex(99, 32, 1),
      AlternativeHashes: [{ HashName: 'SHA256', HashValue: w.m1.sha256 }],
    });
    const path = file(
      `mix-${suite.dialect}.json`,
      vicsText([JSON.stringify(richEntry(0, 90)), JSON.stringify(clash)], { version: '2.0', cases: true }),
    );
    const ref = w.caseA.reference;
    const rejected: RejectedItem[] = [];
    const got = await importVicsCase({
      db: db(),
      dialect: suite.dialect,
      agencyId: w.a.id,
      path,
      caseReference: ref,
      onRejected: (r) => rejected.push(r),
    });
    assert.deepEqual([got.accepted, got.rejected], [1, 1]);
    assert.match(rejected[0]?.reason ?? '', /MD5\/SHA1 differ from those of the media stored under SHA-256/);
    // A media of the case that did not come from the file (a scan's sighting) follows the kept entries.
    const exhibit = await new CaseRepository(db()).createExhibit({ caseId: w.caseA.id, label: 'scanned' });
    await new MediaRepository(db(), suite.dialect).addSighting({
      mediaId: w.m2.id,
      exhibitId: exhibit.id,
      path: 'scan/x.png',
    });
    const { text, summary } = await exported(w.a.id, ref, { scheme: 'uk_caid' });
    const back = JSON.parse(text).value[0].Media;
    assert.deepEqual(
      back.map((m: { MD5: string }) => m.MD5),
      [fakeHex(0, 32, 90), w.m2.md5],
    );
    // Project VIC 0 lies in no CAID value: written without a category and reported.
    assert.equal(back[0].Category, undefined);
    assert.deepEqual(
      summary.unmapped.map((u) => [u.from, u.count]),
      [['projectvic_us 0', 1]],
    );
  });

  test('2.0 UK flavour with CAID categories goes back out in its own version, flavour and scheme', async () => {
    const w = await makeWorld(suite.database, 'vcase-uk');
    const entries = [0, 1, 2].map((i) => JSON.stringify(richEntry(i, 70, { Category: ['A', 'b', 'C'][i] })));
    const path = file(`uk-${suite.dialect}.json`, vicsText(entries, { version: '2.0', flavour: 'UK', cases: true }));
    const ref = `uk-${w.a.id}`;
    const got = await importVicsCase({
      db: db(),
      dialect: suite.dialect,
      agencyId: w.a.id,
      path,
      caseReference: ref,
      scheme: 'uk_caid',
    });
    assert.deepEqual([got.accepted, got.rejected, got.version], [3, 0, '2.0']);
    const { text } = await exported(w.a.id, ref);
    const json = JSON.parse(text);
    assert.equal(
      json['@odata.context'],
      'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/UK/$metadata#Cases',
    );
    const back = await mediaOf(file(`uk-out-${suite.dialect}.json`, text));
    assert.deepEqual(
      back.map((m) => m.category),
      ['A', 'B', 'C'],
    );
    assert.deepEqual(
      back,
      (await mediaOf(path)).map((m) => ({ ...m, category: m.category?.toUpperCase() ?? null })),
    );
  });
});
