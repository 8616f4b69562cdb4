/**
 * The scan-result pages of an exhibit (exhibit-files.repository.ts) read an index in order on both
 * dialects — in id order, one status in id order (each step of a review-order page) — so page
 * 500 of a 100k-file seizure costs what page 1 costs: no sort, no scan of the table. Plans are
 * read with EXPLAIN over 50,000 results in three exhibits, statistics gathered (ANALYZE), so each
 * planner chooses as it would on a real database. The triage's narrowing filters keep those walks.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { type Compilable, sql } from 'kysely';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { ExhibitFilesRepository } from '../../src/storage/exhibit-files.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld } from './records-fixtures.js';

const STATUSES = ['new', 'near-duplicate', 'known', 'ignorable', 'error'] as const;

describeEachDialect('scan result pages', (suite) => {
  let exhibitId = 0;
  let agencyId = 0;
  let cursor = 0;
  before(async () => {
    const { db } = suite.database;
    const w = await makeWorld(suite.database, 'scanidx');
    agencyId = w.a.id;
    // The exhibit read holds 10,000 results, between two others of 20,000: a hub holds many.
    for (const [label, files] of [
      ['before', 20_000],
      ['read', 10_000],
      ['after', 20_000],
    ] as const) {
      const exhibit = await new CaseRepository(db).createExhibit({ caseId: w.caseA.id, label });
      if (label === 'read') exhibitId = exhibit.id;
      for (let start = 0; start < files; start += 1000) {
        const rows = Array.from({ length: 1000 }, (_, i) => ({
          exhibit_id: exhibit.id,
          agency_id: agencyId,
          path: `f/${start + i}.jpg`,
          status: STATUSES[(start + i) % 5] ?? 'new',
          reasons: '[]',
          scanned_at: 1,
        }));
        await db.insertInto('scan_files').values(rows).execute();
      }
    }
    const first = await db
      .selectFrom('scan_files')
      .select((eb) => eb.fn.min('id').as('id'))
      .where('exhibit_id', '=', exhibitId)
      .executeTakeFirstOrThrow();
    cursor = Number(first.id) + 5000;
    await sql`analyze`.execute(db);
  });

  async function plan(query: Compilable<unknown>): Promise<string> {
    const db = suite.database.db;
    const compiled = query.compile();
    const explain = suite.dialect === 'sqlite' ? 'explain query plan' : 'explain';
    const { rows } = await db.executeQuery<Record<string, string>>({ ...compiled, sql: `${explain} ${compiled.sql}` });
    return rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n');
  }
  const repo = () => new ExhibitFilesRepository(suite.database.db);

  // From a cursor, the primary key read onward from it is as good: the exhibit's ids come together.
  const byId = /scan_files_exhibit_id_idx|scan_files_pkey|USING INTEGER PRIMARY KEY \(rowid>\?\)/;
  for (const [name, statuses, index] of [
    ['all statuses, in id order', null, byId],
    ['one status, in id order (a review-order step)', ['near-duplicate'], /scan_files_exhibit_status_id_idx/],
  ] as const) {
    for (const later of [false, true]) {
      test(`${name}${later ? ', halfway through' : ''}: an index in order, no sort`, async () => {
        const text = await plan(repo().scanResultsQuery(exhibitId, agencyId, later ? cursor : null, 200, statuses));
        assert.match(text, index);
        assert.doesNotMatch(text, /^SCAN f\b|Seq Scan on scan_files/m, `no scan of the table:\n${text}`);
        assert.doesNotMatch(text, /TEMP B-TREE FOR ORDER BY|Sort\b/, `no sort:\n${text}`);
      });
    }
  }

  // The triage's narrowing filters still start from the exhibit's index range, never a scan of every
  // exhibit's results; a planner may sort what a selective filter keeps (a few rows) rather than walk in order.
  const narrowed = {
    cameraSerial: 'SN-1',
    gps: 'with' as const,
    takenFrom: '2024-05-01',
    takenBefore: '2024-05-02',
    category: { scheme: 'projectvic_us', code: '1' },
  };
  for (const statuses of [null, ['new']]) {
    test(`narrowed by camera, GPS, capture day and category, ${statuses ? 'one status' : 'all statuses'}: an index range`, async () => {
      const text = await plan(repo().scanResultsQuery(exhibitId, agencyId, cursor, 200, statuses, narrowed));
      assert.match(text, statuses ? /scan_files_exhibit_status_id_idx/ : byId);
      assert.doesNotMatch(text, /^SCAN f\b|Seq Scan on scan_files/m, `no scan of the table:\n${text}`);
    });
  }
});
