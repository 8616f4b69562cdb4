/**
 * `vigil export --series` / `--case` as a use case (hash-list-export.service.ts), on both
 * dialects: exactly the series' members (or the case's media), each with the agency's own
 * category in the scheme asked for, the series reference as label unless hash-only; Baseline
 * keeps only Baseline material; another agency's series or case is not found; progress is a
 * count without a total.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { before, test } from 'node:test';
import { type ExportSource, exportHashList } from '../../src/services/hash-list-export.service.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaCategoryRepository } from '../../src/storage/media-category.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { fakeMedia } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld, type World } from './records-fixtures.js';

describeEachDialect('case and series exports', (suite) => {
  let w: World;
  let series: string;
  let caseRef: string;
  /** SHA-256 of the members, by the category agency A gave them (none: uncategorised). */
  const member: Record<'baseline' | 'pvus1' | 'caidA' | 'none', string> = {
    baseline: '',
    pvus1: '',
    caidA: '',
    none: '',
  };
  let outsider = '';
  let pdq = '';

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'export-series');
    const media = new MediaRepository(db, dialect);
    const add = async (i: number) => {
      const { signals = [], ...row } = fakeMedia(i, 'export-series');
      const m = await media.insert(row);
      if (i === 3) {
        await media.addSignals(m.id, signals.slice(0, 1));
        pdq = signals[0]?.value ?? '';
      }
      return m;
    };
    const [m3, m4, m5] = [await add(3), await add(4), await add(5)];
    const members = [w.m1, w.m2, m3, m4];
    [member.baseline, member.pvus1, member.caidA, member.none] = members.map((m) => m.sha256) as string[];
    outsider = m5.sha256;
    const value = async (scheme: string, code: string) => {
      const found = await new CategoryRepository(db).findValue(scheme, code);
      assert.ok(found, `${scheme} ${code} is seeded`);
      return found.id;
    };
    const categories = new MediaCategoryRepository(db);
    await categories.set(w.a.id, w.m1.id, await value('baseline', 'baseline'), null, 1);
    await categories.set(w.a.id, w.m2.id, await value('projectvic_us', '1'), null, 1);
    await categories.set(w.a.id, m3.id, await value('uk_caid', 'A'), null, 1);
    // Another agency's category of a member is its own business, never in A's export.
    await categories.set(w.b.id, m4.id, await value('baseline', 'baseline'), null, 1);
    await categories.set(w.a.id, m5.id, await value('baseline', 'baseline'), null, 1);
    const seriesRepo = new SeriesRepository(db);
    const own = await seriesRepo.create({ agencyId: w.a.id, reference: `SER-${w.a.id}`, title: 'Sample title' });
    series = own.reference;
    await new SeriesMemberRepository(db).add(
      own.id,
      w.a.id,
      members.map((m) => m.id),
      null,
    );
    // B's series of the same reference holds the outsider: A's export must not reach it.
    const other = await seriesRepo.create({ agencyId: w.b.id, reference: series, title: 'B', sharing: 'all' });
    await new SeriesMemberRepository(db).add(other.id, w.b.id, [m5.id], null);
    caseRef = w.caseA.reference;
    const cases = new CaseRepository(db);
    const exhibit = await cases.createExhibit({ caseId: w.caseA.id, label: 'disk' });
    for (const m of [w.m2, m5]) await media.addSighting({ mediaId: m.id, exhibitId: exhibit.id, path: 'x/sample.png' });
  });

  async function exported(source: ExportSource, format: string, more: { scheme?: string; hashOnly?: boolean } = {}) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    const progress: { totals: (number | null)[]; rows: number } = { totals: [], rows: 0 };
    const summary = await exportHashList({
      db: suite.database.db,
      dialect: suite.dialect,
      agencyId: w.a.id,
      format,
      source,
      hashOnly: false,
      out,
      onTotal: (t) => progress.totals.push(t),
      onRow: () => progress.rows++,
      ...more,
    });
    return { summary, progress, text: Buffer.concat(chunks).toString('utf8') };
  }

  /** CSV rows keyed by SHA-256. */
  function csvBySha256(text: string): Map<string, Record<string, string>> {
    const [header, ...lines] = text.trim().split('\n');
    const names = (header ?? '').split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
    return new Map(rows.map((r) => [r.sha256 ?? '', r]));
  }

  test('a CSV series export holds exactly the members, with their categories and the series label', async () => {
    const { summary, progress, text } = await exported({ series }, 'csv');
    const rows = csvBySha256(text);
    assert.deepEqual([...rows.keys()].sort(), Object.values(member).sort());
    assert.equal(rows.has(outsider), false);
    assert.deepEqual(
      Object.entries(member).map(([k, sha]) => [k, rows.get(sha)?.category]),
      [
        ['baseline', 'baseline'],
        ['pvus1', '1'],
        ['caidA', 'A'],
        ['none', ''],
      ],
    );
    for (const r of rows.values()) assert.equal(r.series, series);
    assert.equal(rows.get(member.caidA)?.pdq, pdq);
    assert.deepEqual([summary.rows, summary.skipped, summary.unmapped], [4, 0, []]);
    assert.deepEqual(progress, { totals: [null], rows: 4 });
  });

  test('categories are mapped to the scheme asked for; what does not map is written empty and reported', async () => {
    const pvus = csvBySha256((await exported({ series }, 'csv', { scheme: 'projectvic_us' })).text);
    assert.deepEqual(
      [member.baseline, member.pvus1, member.caidA].map((sha) => pvus.get(sha)?.category),
      ['1', '1', '1'],
    );
    const caid = await exported({ series }, 'csv', { scheme: 'uk_caid' });
    assert.equal(csvBySha256(caid.text).get(member.pvus1)?.category, '');
    assert.deepEqual(
      caid.summary.unmapped.map((u) => [u.from, u.count]),
      [
        ['baseline baseline', 1],
        ['projectvic_us 1', 1],
      ],
    );
  });

  test('a hash-only series export, CSV or VICS, holds hashes and categories only', async () => {
    const csv = await exported({ series }, 'csv', { hashOnly: true });
    assert.equal(csv.text.split('\n')[0], 'md5,sha1,sha256,pdq,quality,category');
    assert.equal(csvBySha256(csv.text).size, 4);
    const vics = await exported({ series }, 'vics', { hashOnly: true });
    const full = await exported({ series }, 'vics');
    assert.match(full.text, new RegExp(`"Series":"${series}"`));
    for (const { text } of [csv, vics]) {
      assert.doesNotMatch(text, new RegExp(`${series}|Sample title|sample\\.png|Series`, 'i'));
    }
    const entries = (JSON.parse(vics.text) as { value: Record<string, unknown>[] }).value;
    assert.equal(entries.length, 4);
    const allowed = new Set(['MD5', 'SHA1', 'Category', 'AlternativeHashes']);
    for (const e of entries) for (const key of Object.keys(e)) assert.ok(allowed.has(key), key);
  });

  test('a Baseline series export keeps only Baseline material, hashes only', async () => {
    const { summary, text } = await exported({ series }, 'baseline');
    const [header, ...lines] = text.trim().split('\n');
    assert.equal(header, 'md5,sha1,sha256,pdq');
    assert.equal(lines.length, 1);
    assert.ok(lines[0]?.includes(member.baseline));
    assert.deepEqual([summary.rows, summary.skipped, summary.hashOnly], [1, 3, true]);
  });

  test("a case export counts its media as it writes them and carries the agency's categories", async () => {
    const { progress, text } = await exported({ case: caseRef }, 'csv');
    const rows = csvBySha256(text);
    assert.deepEqual([...rows.keys()].sort(), [member.pvus1, outsider].sort());
    assert.equal(rows.get(outsider)?.category, 'baseline');
    assert.equal(rows.get(member.pvus1)?.series, '');
    assert.deepEqual(progress, { totals: [null], rows: 2 });
  });

  test("another agency's series or case, or an unknown one, is not found", async () => {
    const asC = (source: ExportSource) =>
      exportHashList({
        db: suite.database.db,
        dialect: suite.dialect,
        agencyId: w.c.id,
        format: 'csv',
        source,
        hashOnly: false,
        out: new PassThrough(),
      });
    await assert.rejects(asC({ series }), isCode('not-found'));
    await assert.rejects(asC({ case: caseRef }), isCode('not-found'));
    await assert.rejects(exported({ series: 'NO-SUCH' }, 'csv'), isCode('not-found'));
  });
});
