/**
 * Statistics on both dialects: the caller's agency's media (by first sighting), series and
 * identified victims and offenders by UTC year and month, exactly; the hub's totals, by year and
 * by agency (counts only, never another agency by month); auditors and partners refused.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { lastMonths } from '../../src/services/stats.service.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { fakeMedia } from '../support/fake-media.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

const at = (year: number, month = 6) => Date.UTC(year, month - 1, 15, 12);

describeEachServer('statistics', (suite) => {
  let own = 0;
  let viewer: ApiClient;

  /** Media sighted by `agency` at the given times (one media per entry; repeated times = sightings of one media). */
  async function sightings(agency: number, tag: string, times: number[][]) {
    const db = suite.vigil.database.db;
    const cases = new CaseRepository(db);
    const theCase = await cases.createCase({ agencyId: agency, reference: `${tag}-case`, title: tag });
    const exhibit = await cases.createExhibit({ caseId: theCase.id, label: 'disk' });
    const media = new MediaRepository(db, suite.dialect);
    for (const [i, seen] of times.entries()) {
      const { signals: _s, ...m } = fakeMedia(i, `${tag}-${suite.dialect}`);
      const row = await media.insert(m);
      for (const [k, seenAt] of seen.entries()) {
        await media.addSighting({ mediaId: row.id, exhibitId: exhibit.id, path: `/e/${i}-${k}`, seenAt });
      }
    }
  }

  async function people(table: 'victims' | 'offenders', agency: number, identified: (number | null)[], tag = '') {
    for (const [i, when] of identified.entries()) {
      await suite.vigil.database.db
        .insertInto(table)
        .values({
          agency_id: agency,
          reference: `${table}-${agency}-${tag}${i}`,
          identified_at: when,
          identified_by_agency_id: when === null ? null : agency,
          created_at: at(2023),
        })
        .execute();
    }
  }

  before(async () => {
    own = await suite.addAgency('Stats own unit');
    const other = await suite.addAgency('Stats other unit');
    viewer = await suite.addUser(own, ['viewer']);
    await sightings(own, 'own', [[at(2024), at(2025)], [at(2025, 1)], [at(2025, 12)]]);
    await sightings(other, 'other', [[at(2022)], [at(2022)]]);
    for (const [agency, year, n] of [
      [own, 2024, 1],
      [own, 2026, 2],
      [other, 2020, 3],
    ]) {
      const series = new SeriesRepository(suite.vigil.database.db, () => at(year));
      for (let i = 0; i < n; i++) await series.create({ agencyId: agency, reference: `S-${year}-${i}`, title: 'S' });
    }
    await people('victims', own, [at(2025), at(2025, 2), null]);
    await people('offenders', own, [at(2024)]);
    await people('victims', other, [at(2021), at(2021)]);
  });

  it("gives the agency's own figures by year", async () => {
    const stats = await viewer.get('/api/v1/stats');
    assert.equal(stats.status, 200, JSON.stringify(stats.body));
    const { agency } = stats.body;
    assert.equal(agency.id, own);
    assert.deepEqual(agency.media, {
      total: 3,
      byYear: [
        { year: 2024, count: 1 },
        { year: 2025, count: 2 },
      ],
    });
    assert.deepEqual(agency.series, {
      total: 3,
      byYear: [
        { year: 2024, count: 1 },
        { year: 2026, count: 2 },
      ],
    });
    assert.deepEqual(agency.victims, { records: 3, identified: 2, identifiedByYear: [{ year: 2025, count: 2 }] });
    assert.deepEqual(agency.offenders, { records: 1, identified: 1, identifiedByYear: [{ year: 2024, count: 1 }] });
  });

  it("gives the hub's totals as numbers only, counting every agency", async () => {
    const { installation } = (await viewer.get('/api/v1/stats')).body;
    const db = suite.vigil.database.db;
    const count = async (table: 'agencies' | 'media' | 'series') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const { byYear, byAgency, ...totals } = installation;
    assert.deepEqual(totals, {
      agencies: await count('agencies'),
      media: await count('media'),
      series: await count('series'),
      victimsIdentified: 4,
      offendersIdentified: 1,
    });
    assert.ok(installation.media >= 5 && installation.series >= 6);
    // By agency: what each holds, owns and identified; counts only, every agency listed.
    type Row = { agencyId: number; name: string };
    const row = (id: number) => byAgency.find((r: Row) => r.agencyId === id);
    assert.deepEqual(row(own), {
      agencyId: own,
      name: 'Stats own unit',
      media: 3,
      series: 3,
      victimsIdentified: 2,
      offendersIdentified: 1,
    });
    const other = byAgency.find((r: Row) => r.name === 'Stats other unit');
    assert.deepEqual(
      { media: other.media, series: other.series, victims: other.victimsIdentified },
      { media: 2, series: 3, victims: 2 },
    );
    assert.equal(byAgency.length, totals.agencies);
    // By year: the series and identifications where they fall; every media in some year.
    const year = (y: number) => byYear.find((r: { year: number }) => r.year === y);
    assert.equal(year(2020).series, 3);
    assert.equal(year(2021).victimsIdentified, 2);
    assert.equal(year(2026).series, 2);
    assert.equal(
      byYear.reduce((n: number, r: { media: number }) => n + r.media, 0),
      totals.media,
    );
  });

  it('is for casework readers: auditors and partners are refused', async () => {
    assert.equal((await (await suite.addUser(own, ['analyst'])).get('/api/v1/stats')).status, 200);
    assert.equal((await (await suite.addUser(own, ['auditor'])).get('/api/v1/stats')).status, 403);
    assert.equal((await (await suite.addPartner(own)).get('/api/v1/stats')).status, 403);
    assert.equal((await suite.anonymous.get('/api/v1/stats')).status, 401);
  });

  it('gives the last 12 months one by one, the current last, and the jobs queued and running', async () => {
    const { months, since } = lastMonths(Date.now());
    const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
    // Runs last: it adds records the totals test does not expect. This month and the one before,
    // whatever today is; the fixtures above are counted where they fall.
    const thisMonth = Date.now() - 60_000;
    const today = new Date();
    const lastMonth = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 15, 12);
    await sightings(own, 'recent', [[thisMonth], [lastMonth, thisMonth]]);
    await people('offenders', own, [lastMonth], 'recent-');
    const expected = (times: number[]) => months.map((m) => times.filter((t) => t >= since && monthOf(t) === m).length);
    const { recent, jobs, agency, installation } = (await viewer.get('/api/v1/stats')).body;
    // The hub part is recounted once a minute, but the reader's own row is as fresh as its tiles.
    const mine = installation.byAgency.find((r: { agencyId: number }) => r.agencyId === own);
    assert.equal(mine.media, agency.media.total);
    assert.equal(mine.media, 5, 'the two media sighted just now are counted in the own row at once');
    assert.deepEqual(recent.months, months);
    assert.equal(recent.months.length, 12);
    assert.equal(recent.months.at(-1), monthOf(Date.now()));
    assert.deepEqual(recent.media, expected([at(2024), at(2025, 1), at(2025, 12), thisMonth, lastMonth]));
    assert.deepEqual(recent.series, expected([at(2024), at(2026), at(2026)]));
    assert.deepEqual(recent.victimsIdentified, expected([at(2025), at(2025, 2)]));
    assert.deepEqual(recent.offendersIdentified, expected([at(2024), lastMonth]));
    assert.equal(recent.media.reduce((a: number, b: number) => a + b, 0) >= 2, true, 'this month and last are counted');
    assert.deepEqual(jobs, { queued: 0, running: 0 });

    const db = suite.vigil.database.db;
    const far = Date.now() + 86_400_000;
    const job = (agency: number, status: 'queued' | 'running' | 'done') => ({
      kind: 'stats-test',
      agency_id: agency,
      payload: '{}',
      status,
      max_attempts: 1,
      // Not due (queued) and leased (running) until tomorrow: no runner touches them.
      run_after: far,
      claim_token: status === 'running' ? 'held-by-test' : null,
      locked_until: status === 'running' ? far : null,
      created_at: Date.now(),
    });
    const other = await suite.addAgency('Stats jobs other unit');
    await db
      .insertInto('jobs')
      .values([job(own, 'queued'), job(own, 'running'), job(own, 'running'), job(own, 'done'), job(other, 'running')])
      .execute();
    try {
      assert.deepEqual((await viewer.get('/api/v1/stats')).body.jobs, { queued: 1, running: 2 });
    } finally {
      await db.deleteFrom('jobs').where('kind', '=', 'stats-test').execute();
    }
  });
});
