/**
 * The alert rules of an ingested file on both dialects, on records made directly: a restricted
 * series tells its owner but not the uploader, a series shared with all names its owner to the
 * uploader, a rejected match, a known-good set, a camera-serial link and the uploader's own series
 * raise nothing, and raising again adds nothing.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SharingLevel } from '../../src/domain/sharing.record.js';
import { raiseIngestAlerts } from '../../src/jobs/ingest-alerts.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { describeEachDialect } from '../medium/dialect-harness.js';
import { fakeMedia } from '../support/fake-media.js';

describeEachDialect('alerts of an ingested file', (suite) => {
  const db = () => suite.database.db;
  let n = 0;

  async function heldBy(agencyId: number): Promise<number> {
    const cases = new CaseRepository(db());
    const c = await cases.createCase({ agencyId, reference: `alert-case-${++n}`, title: 'Alerts' });
    const exhibit = await cases.createExhibit({ caseId: c.id, label: 'x' });
    const media = new MediaRepository(db(), suite.dialect);
    const { signals: _s, ...item } = fakeMedia(n, 'ingest-alerts');
    const row = await media.insert(item);
    await media.addSighting({ mediaId: row.id, exhibitId: exhibit.id, path: `f-${n}` });
    return row.id;
  }

  async function seriesOf(agencyId: number, sharing: SharingLevel, mediaId: number): Promise<number> {
    const s = await new SeriesRepository(db()).create({ agencyId, reference: `AS-${++n}`, title: 'S', sharing });
    await new SeriesMemberRepository(db()).add(s.id, agencyId, [mediaId], null);
    return s.id;
  }

  it('tells the right agencies, names owners only where shared, and never twice', async () => {
    const agencies = new AgencyRepository(db());
    const a = (await agencies.create({ countryCode: 'NL', name: 'Alert owner' })).id;
    const b = (await agencies.create({ countryCode: 'BE', name: 'Alert uploader' })).id;
    const [restricted, open, rejected, serial] = [await heldBy(a), await heldBy(a), await heldBy(a), await heldBy(a)];
    const s1 = await seriesOf(a, 'restricted', restricted);
    const s2 = await seriesOf(a, 'all', open);
    await seriesOf(a, 'all', rejected);
    await seriesOf(a, 'all', serial);
    const good = await new HashSetRepository(db()).create({
      agencyId: a,
      name: 'Known good',
      source: 't',
      sharing: 'all',
      knownGood: true,
    });
    const entry = await new HashSetEntryRepository(db(), suite.dialect).add(good.id, a, { md5: 'a'.repeat(32) });
    const upload = await heldBy(b);
    await seriesOf(b, 'restricted', upload); // B's own series: nothing to tell anyone
    const matches = new MatchRepository(db(), suite.dialect);
    const m1 = await matches.create({
      agencyId: b,
      mediaId: upload,
      target: { otherMediaId: restricted },
      kind: 'pdq',
    });
    const m2 = await matches.create({ agencyId: b, mediaId: upload, target: { otherMediaId: open }, kind: 'pdq' });
    const m3 = await matches.create({ agencyId: b, mediaId: upload, target: { otherMediaId: rejected }, kind: 'pdq' });
    await matches.setVerdict(m3.id, b, { from: 'pending', to: 'rejected', userId: await userOf(b) });
    // The same pair found again by another kind of match: rejected once is rejected for good.
    await matches.create({ agencyId: b, mediaId: upload, target: { otherMediaId: rejected }, kind: 'vpdq' });
    await matches.create({ agencyId: b, mediaId: upload, target: { otherMediaId: serial }, kind: 'serial' });
    await matches.create({ agencyId: b, mediaId: upload, target: { hashSetEntryId: entry.id }, kind: 'exact' });

    const raise = () =>
      db()
        .transaction()
        .execute((trx) => raiseIngestAlerts(trx, { agencyId: b, mediaId: upload }));
    assert.equal(await raise(), 3);
    const alerts = async (agencyId: number) =>
      (await db().selectFrom('alerts').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute()).map(
        (r) => [r.reason, r.about_kind, r.about_id, r.match_id, r.from_agency_id],
      );
    assert.deepEqual(await alerts(b), [['series_match', 'series', s2, m2.id, a]]);
    assert.deepEqual(await alerts(a), [
      ['series_found_elsewhere', 'series', s1, m1.id, b],
      ['series_found_elsewhere', 'series', s2, m2.id, b],
    ]);
    assert.equal(await raise(), 0, 'raised once');
  });

  async function userOf(agencyId: number): Promise<number> {
    const user = await new AgencyRepository(db()).createUser({
      agencyId,
      username: `reviewer-${++n}`,
      displayName: 'Reviewer',
      roles: ['analyst'],
    });
    return user.id;
  }
});
