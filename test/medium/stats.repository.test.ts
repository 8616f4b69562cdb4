/**
 * The hub's statistics, on both dialects: an agency's own figures only, by UTC year and month
 * (a sighting at 23:30 on 31 December counts in that year on both), media by first sighting,
 * identified people by the time of identification, jobs in progress, installation totals.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { SqlJobQueue } from '../../src/jobs/sql-job-queue.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { PersonRepository } from '../../src/storage/person.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { StatsRepository } from '../../src/storage/stats.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

const NEW_YEARS_EVE = Date.UTC(2023, 11, 31, 23, 30);
const NEW_YEAR = Date.UTC(2024, 0, 1, 0, 30);
const SPRING = Date.UTC(2024, 3, 15);

describeEachDialect('stats repository', (suite) => {
  const repo = () => new StatsRepository(suite.database.db, suite.dialect);
  let w: World;

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'stats');
    const cases = new CaseRepository(db);
    const exhibitA = await cases.createExhibit({ caseId: w.caseA.id, label: 'disk' });
    const caseB = await cases.createCase({ agencyId: w.b.id, reference: `ST-B-${w.b.id}`, title: 'B' });
    const exhibitB = await cases.createExhibit({ caseId: caseB.id, label: 'disk' });
    const media = new MediaRepository(db, dialect);
    const sight = (mediaId: number, exhibitId: number, seenAt: number) =>
      media.addSighting({ mediaId, exhibitId, path: `p-${seenAt}`, seenAt });
    // m1 first seen by A on New Year's Eve (and again in spring); m2 first seen by A on New Year's Day.
    await sight(w.m1.id, exhibitA.id, SPRING);
    await sight(w.m1.id, exhibitA.id, NEW_YEARS_EVE);
    await sight(w.m2.id, exhibitA.id, NEW_YEAR);
    await sight(w.m2.id, exhibitB.id, NEW_YEARS_EVE);
    await new SeriesRepository(db, () => NEW_YEARS_EVE).create({ agencyId: w.a.id, reference: 'S-1', title: 's' });
    await new SeriesRepository(db, () => SPRING).create({ agencyId: w.a.id, reference: 'S-2', title: 's' });
    await new SeriesRepository(db, () => SPRING).create({ agencyId: w.b.id, reference: 'S-B', title: 's' });
    const people = new PersonRepository(db, () => 1);
    const victim = await people.create({ kind: 'victim', agencyId: w.a.id, reference: 'V-1' });
    await people.create({ kind: 'victim', agencyId: w.a.id, reference: 'V-2' });
    await people.setIdentified('victim', victim.id, w.a.id, { byAgencyId: w.a.id, at: NEW_YEAR });
    const offender = await people.create({ kind: 'offender', agencyId: w.b.id, reference: 'O-1' });
    await people.setIdentified('offender', offender.id, w.b.id, { byAgencyId: w.b.id, at: SPRING });
    const queue = new SqlJobQueue(db, dialect);
    await queue.enqueue('ingest', {}, { agencyId: w.a.id });
    await queue.enqueue('ingest', {}, { agencyId: w.a.id });
    await queue.enqueue('ingest', {}, { agencyId: w.b.id });
    await queue.claim(['ingest'], 60_000);
  });

  test('media count once each, in the UTC year and month the agency first sighted them', async () => {
    assert.deepEqual(await repo().heldMediaByYear(w.a.id), [
      { year: 2023, count: 1 },
      { year: 2024, count: 1 },
    ]);
    assert.deepEqual(await repo().heldMediaByYear(w.b.id), [{ year: 2023, count: 1 }]);
    assert.deepEqual(await repo().heldMediaByYear(w.c.id), []);
    const months = await repo().byMonth(w.a.id, Date.UTC(2023, 11, 1));
    assert.deepEqual([...months.media.entries()].sort(), [
      ['2023-12', 1],
      ['2024-01', 1],
    ]);
    assert.deepEqual([...(await repo().byMonth(w.a.id, Date.UTC(2024, 0, 1))).media.entries()], [['2024-01', 1]]);
  });

  test("series by the year they were recorded, people by the year they were identified, the agency's own", async () => {
    assert.deepEqual(await repo().seriesByYear(w.a.id), [
      { year: 2023, count: 1 },
      { year: 2024, count: 1 },
    ]);
    assert.deepEqual(await repo().people('victims', w.a.id), {
      total: 2,
      identifiedByYear: [{ year: 2024, count: 1 }],
    });
    assert.deepEqual(await repo().people('offenders', w.a.id), { total: 0, identifiedByYear: [] });
    const months = await repo().byMonth(w.a.id, Date.UTC(2024, 0, 1));
    assert.deepEqual(
      [[...months.series.entries()], [...months.victims.entries()], [...months.offenders.entries()]],
      [[['2024-04', 1]], [['2024-01', 1]], []],
    );
  });

  test('jobs in progress per agency, and installation totals', async () => {
    const a = await repo().jobs(w.a.id);
    const b = await repo().jobs(w.b.id);
    // One of the three was claimed: whichever it was, each agency's jobs add up.
    assert.equal(a.queued + a.running, 2);
    assert.equal(b.queued + b.running, 1);
    assert.equal(a.running + b.running, 1);
    assert.deepEqual(await repo().jobs(w.c.id), { queued: 0, running: 0 });
    assert.deepEqual(await repo().totals(), {
      agencies: 3,
      media: 2,
      series: 3,
      victimsIdentified: 1,
      offendersIdentified: 1,
    });
  });

  test("each agency's contribution (zeros included) and the hub by year", async () => {
    const rows = await repo().byAgency();
    const of = (id: number) => {
      const {
        agencyId: _id,
        name: _name,
        ...counts
      } = rows.find((r) => r.agencyId === id) ?? assert.fail(`agency ${id}`);
      return counts;
    };
    assert.deepEqual(of(w.a.id), { media: 2, series: 2, victimsIdentified: 1, offendersIdentified: 0 });
    assert.deepEqual(of(w.b.id), { media: 1, series: 1, victimsIdentified: 0, offendersIdentified: 1 });
    assert.deepEqual(of(w.c.id), { media: 0, series: 0, victimsIdentified: 0, offendersIdentified: 0 });
    const names = rows.map((r) => r.name);
    assert.deepEqual(names, [...names].sort(), 'by name');

    const years = await repo().hubByYear();
    const year = (y: number) => years.find((r) => r.year === y);
    assert.deepEqual(
      years.map((r) => r.year),
      [...new Set(years.map((r) => r.year))].sort((a, b) => a - b),
      'one row per year, oldest first',
    );
    assert.equal(year(2023)?.series, 1);
    assert.deepEqual(
      {
        series: year(2024)?.series,
        victims: year(2024)?.victimsIdentified,
        offenders: year(2024)?.offendersIdentified,
      },
      { series: 2, victims: 1, offenders: 1 },
    );
    const totals = await repo().totals();
    assert.equal(
      years.reduce((n, r) => n + r.media, 0),
      totals.media,
      'every media counted in the year it was stored',
    );
  });
});
