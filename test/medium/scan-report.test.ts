/**
 * The scan report's match details (issue #5), on both databases: each file says what it matched
 * as data — kind, target, distance — and what the database knows of the target: series,
 * category, whether the victim is identified, the owning agency; the CSV carries the best match
 * in columns and the HTML shows them. And a file whose metadata ExifTool could not read keeps its
 * status but says so.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { KnownVideos } from '../../src/ingest/known-videos.js';
import { loadMatchContext } from '../../src/ingest/report/match-context.js';
import { CSV_COLUMNS, reportCsv } from '../../src/ingest/report/report-csv.js';
import { reportHtml } from '../../src/ingest/report/report-html.js';
import { buildReport, missingToolNotes } from '../../src/ingest/report/scan-report.js';
import { scanExhibit } from '../../src/ingest/scan.service.js';
import { finishFile, prepareFile, type ScanTarget } from '../../src/ingest/scan-file.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { pdqFromImage } from '../../src/signals/pdq/pdq-image.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { LinkRepository } from '../../src/storage/link.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { PersonRepository } from '../../src/storage/person.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { blobs, transform } from '../support/patterns.js';
import { describeEachDialect } from './dialect-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-report-'));
after(() => rmSync(dir, { recursive: true, force: true }));
after(() => closeMetadataReader());

const png = (px: ReturnType<typeof blobs>) =>
  sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
    .png()
    .toBuffer();
const digest = (alg: string, b: Buffer) => createHash(alg).update(b).digest('hex');

describeEachDialect('scan report match details', (suite) => {
  const db = () => suite.database.db;

  test('each file gives its matches with kind, target, distance, series, category, victim and agency', async () => {
    const folder = join(dir, suite.dialect);
    const known = await png(blobs(400, 300, 71));
    const listed = await png(blobs(400, 300, 72));
    const files = {
      'known.png': known,
      'rotated.png': await png(transform(blobs(400, 300, 71), 'rot90')),
      'listed.png': listed,
      'fresh.png': await png(blobs(400, 300, 73)),
    };
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);

    const agencies = new AgencyRepository(db());
    const owner = await agencies.create({ countryCode: 'NL', name: 'National unit' });
    const field = await agencies.create({ countryCode: 'NL', name: 'Field unit' });
    const categories = new CategoryRepository(db());
    const scheme = await categories.createScheme({ code: 'report-test', name: 'Report test' });
    const catA = await categories.addValue({ schemeId: scheme.id, code: 'A', label: 'Category A', rank: 1 });
    const catB = await categories.addValue({ schemeId: scheme.id, code: 'B', label: 'Category B', rank: 2 });

    // Known media in a series of another agency, shared with all, with a victim not yet identified.
    const media = new MediaRepository(db(), suite.dialect);
    const m = await media.insert({
      sha256: digest('sha256', known),
      md5: digest('md5', known),
      sha1: digest('sha1', known),
      size: known.length,
    });
    await media.addSignals(m.id, [{ type: 'pdq', value: (await pdqFromImage(known)).hash, quality: 100 }]);
    const series = await new SeriesRepository(db()).create({
      agencyId: owner.id,
      reference: 'S-ALPHA',
      title: 'Series Alpha',
      sharing: 'all',
      categoryValueId: catA.id,
    });
    await new SeriesMemberRepository(db()).add(series.id, owner.id, [m.id], null);
    const victim = await new PersonRepository(db()).create({ kind: 'victim', agencyId: owner.id, reference: 'V-1' });
    await new LinkRepository(db()).create({
      agencyId: owner.id,
      from: { kind: 'series', id: series.id },
      to: { kind: 'victim', id: victim.id },
      relation: 'depicts',
    });
    // A hash set of the other agency, shared with all, whose entry carries a category and series label.
    const set = await new HashSetRepository(db()).create({
      agencyId: owner.id,
      name: 'National list',
      source: 'test',
      sharing: 'all',
    });
    await new HashSetEntryRepository(db(), suite.dialect).add(set.id, owner.id, {
      sha1: digest('sha1', listed),
      categoryValueId: catB.id,
      seriesLabel: 'Series Beta',
    });
    await new Promise((r) => setTimeout(r, 5));
    const cases = new CaseRepository(db());
    const c = await cases.createCase({ agencyId: field.id, reference: `R-${suite.dialect}`, title: 'Seizure' });
    const exhibit = await cases.createExhibit({ caseId: c.id, label: 'laptop' });

    const inputs = Object.keys(files).map((f) => ({ path: join(folder, f), logicalPath: f }));
    await scanExhibit(db(), suite.dialect, exhibit, inputs, { workers: 0 });
    const rows = await new ScanFileRepository(db()).listDetailed(exhibit.id);
    const context = await loadMatchContext(
      db(),
      field.id,
      rows.flatMap((r) => r.matches ?? []),
    );
    const report = buildReport(c.reference, { id: exhibit.id, label: exhibit.label }, rows, { context });
    const file = (p: string) => report.files.find((f) => f.path === p);

    const exact = file('known.png');
    assert.equal(exact?.status, 'known');
    assert.deepEqual(exact?.matches, [
      {
        kind: 'sha256',
        mediaId: m.id,
        hashSetEntryId: null,
        hashSet: null,
        series: 'Series Alpha',
        category: 'Category A',
        victimIdentified: false,
        victims: { total: 1, identified: 0 },
        agency: 'National unit',
      },
    ]);
    assert.match(exact?.reasons[0] ?? '', /SHA-256 matches media #\d+ \(category Category A\)/);

    const near = file('rotated.png');
    assert.equal(near?.status, 'near-duplicate');
    const pdq = near?.matches[0];
    assert.equal(pdq?.kind, 'pdq');
    assert.equal(pdq?.mediaId, m.id);
    assert.equal(pdq?.variant, 'rot270', 'the rotation of this file that matched');
    assert.ok(typeof pdq?.distance === 'number' && pdq.distance <= 31, JSON.stringify(pdq));
    assert.equal(pdq?.series, 'Series Alpha');

    const inSet = file('listed.png');
    assert.equal(inSet?.status, 'known');
    assert.equal(inSet?.matches.length, 1);
    assert.deepEqual(
      [inSet?.matches[0].kind, inSet?.matches[0].hashSet, inSet?.matches[0].mediaId, inSet?.matches[0].series],
      ['sha1', 'National list', null, 'Series Beta'],
    );
    assert.deepEqual(
      [inSet?.matches[0].category, inSet?.matches[0].agency, inSet?.matches[0].victimIdentified],
      ['Category B', 'National unit', null],
    );
    assert.match(inSet?.reasons[0] ?? '', /\(category Category B\)/);
    assert.deepEqual(file('fresh.png')?.matches, []);

    // Once the victim is identified, the next report says so: what is known now, not at scan time.
    await new PersonRepository(db()).setIdentified('victim', victim.id, owner.id, { byAgencyId: owner.id, at: 1 });
    const later = buildReport(c.reference, exhibit, rows, {
      context: await loadMatchContext(
        db(),
        field.id,
        rows.flatMap((r) => r.matches ?? []),
      ),
    });
    const identified = later.files.find((f) => f.path === 'known.png')?.matches[0];
    assert.equal(identified?.victimIdentified, true);

    const csv = reportCsv(later).split('\r\n');
    const cells = (p: string) => {
      const line = csv.find((l) => l.split(',')[1] === p) ?? '';
      const values = line.split(',');
      return Object.fromEntries(CSV_COLUMNS.map((col, i) => [col, values[i]]));
    };
    assert.equal(cells('known.png').match_kind, 'sha256');
    assert.equal(cells('known.png').match_target, `media #${m.id}`);
    assert.equal(cells('known.png').match_series, 'Series Alpha');
    assert.equal(cells('known.png').match_category, 'Category A');
    assert.equal(cells('known.png').match_victim_identified, 'yes');
    assert.equal(cells('rotated.png').match_kind, 'pdq');
    assert.equal(cells('rotated.png').match_distance, String(pdq?.distance));
    assert.equal(cells('listed.png').match_target, '"hash set ""National list"""');
    assert.equal(cells('listed.png').match_victim_identified, '');
    assert.equal(cells('fresh.png').match_kind, '');

    const html = reportHtml(report);
    assert.match(html, /<strong>PDQ<\/strong> · media #\d+ · distance \d+ · series Series Alpha/);
    assert.match(html, /<span class="victim-no">victim not identified<\/span> · held by National unit/);
    assert.match(html, /<strong>SHA-1<\/strong> · hash set &quot;National list&quot; · series Series Beta/);
  });

  test('a file whose metadata ExifTool could not read keeps its status and says why', async () => {
    const agency = await new AgencyRepository(db()).create({ countryCode: 'NL', name: 'Metadata unit' });
    const cases = new CaseRepository(db());
    const c = await cases.createCase({ agencyId: agency.id, reference: `M-${suite.dialect}`, title: 'Seizure' });
    const exhibit = await cases.createExhibit({ caseId: c.id, label: 'phone' });
    const target: ScanTarget = {
      db: db(),
      dialect: suite.dialect,
      agencyId: agency.id,
      exhibitId: exhibit.id,
      startedAt: exhibit.createdAt,
      threshold: 31,
      minQuality: 50,
      videos: new KnownVideos(db(), exhibit.createdAt),
    };
    const data = await png(blobs(200, 150, 74 + (suite.dialect === 'postgres' ? 100 : 0)));
    const prepared = await prepareFile(target, { path: '', data, logicalPath: 'photo.png' });
    assert.ok(prepared.decoded, prepared.decodeError);
    // What prepareFile records when ExifTool's process cannot be spawned (perl missing).
    prepared.metadata = undefined;
    prepared.metadataError = 'ExifTool could not start (is perl installed?): spawn perl ENOENT.';
    const outcome = await finishFile(target, { near: () => [] }, prepared);
    assert.equal(outcome.status, 'new', 'the file is still sorted');
    assert.deepEqual(outcome.reasons, [
      'no exact or near-duplicate match',
      'metadata failed: ExifTool could not start (is perl installed?): spawn perl ENOENT.',
    ]);
    const [row] = await new ScanFileRepository(db()).listDetailed(exhibit.id);
    const report = buildReport(c.reference, exhibit, [row]);
    assert.deepEqual(missingToolNotes(report.files), [
      { cause: 'metadata failed: ExifTool could not start (is perl installed?): spawn perl ENOENT.', files: 1 },
    ]);
  });
});
