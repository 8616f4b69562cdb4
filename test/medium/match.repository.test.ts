import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { toAppError } from '../../src/storage/storage-errors.js';
import { fakeMediaRange } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

describeEachDialect('match repository', (suite) => {
  const matches = () => new MatchRepository(suite.database.db, suite.dialect, () => 1_830_000_000_000);
  const anEntry = async (agencyId: number, tag: string) => {
    const set = await new HashSetRepository(suite.database.db).create({ agencyId, name: tag, source: 'generated' });
    const sha256 = createHash('sha256').update(tag).digest('hex');
    return new HashSetEntryRepository(suite.database.db, suite.dialect).add(set.id, agencyId, { sha256 });
  };

  test('a match against another media or a hash-set entry starts pending', async () => {
    const w = await makeWorld(suite.database, 'match-new');
    const near = await matches().create({
      agencyId: w.a.id,
      mediaId: w.m1.id,
      target: { otherMediaId: w.m2.id },
      kind: 'pdq',
      distance: 12,
    });
    assert.deepEqual(near, {
      id: near.id,
      agencyId: w.a.id,
      mediaId: w.m1.id,
      otherMediaId: w.m2.id,
      hashSetEntryId: null,
      kind: 'pdq',
      distance: 12,
      overlap: null,
      details: null,
      verdict: 'pending',
      decidedBy: null,
      decidedAt: null,
      verdictReason: null,
      createdAt: 1_830_000_000_000,
    });
    const entry = await anEntry(w.b.id, 'match-new-entry');
    const listed = await matches().create({
      agencyId: w.a.id,
      mediaId: w.m1.id,
      target: { hashSetEntryId: entry.id },
      kind: 'exact',
    });
    const video = await matches().create({
      agencyId: w.a.id,
      mediaId: w.m2.id,
      target: { otherMediaId: w.m1.id },
      kind: 'vpdq',
      overlap: 0.375,
    });
    assert.equal(video.overlap, 0.375);
    assert.deepEqual(
      (await matches().listForMedia(w.m1.id, w.a.id)).map((m) => m.id),
      [near.id, listed.id, video.id],
    );
    assert.deepEqual(await matches().listForMedia(w.m1.id, w.b.id), []);
    assert.equal(await matches().find(near.id, w.b.id), null);
  });

  test('duplicates: one is a conflict, in bulk they are skipped', async () => {
    const w = await makeWorld(suite.database, 'match-dup');
    const input = { agencyId: w.a.id, mediaId: w.m1.id, target: { otherMediaId: w.m2.id }, kind: 'pdq' as const };
    await matches().create(input);
    await assert.rejects(matches().create({ ...input, distance: 3 }), isCode('conflict'));
    await matches().create({ ...input, kind: 'serial' });
    await matches().create({ ...input, agencyId: w.b.id });
    const entry = await anEntry(w.a.id, 'match-dup-entry');
    const many = [
      input,
      { ...input, target: { hashSetEntryId: entry.id }, kind: 'exact' as const },
      { ...input, target: { hashSetEntryId: entry.id }, kind: 'exact' as const },
      { ...input, mediaId: w.m2.id, target: { otherMediaId: w.m1.id } },
    ];
    assert.equal(await matches().createMany(many), 2);
    assert.equal((await matches().listForAgency(w.a.id)).length, 4);
  });

  test('concurrent bulk writes of overlapping matches keep one of each', async () => {
    const w = await makeWorld(suite.database, 'match-concurrent');
    const media = new MediaRepository(suite.database.db, suite.dialect);
    const found = await media.insertMany(fakeMediaRange(0, 60, 'match-concurrent'));
    const ids = found.map((r) => r.mediaId);
    const all = ids.flatMap((a, i) =>
      ids
        .slice(i + 1, i + 11)
        .map((b) => ({ agencyId: w.a.id, mediaId: a, target: { otherMediaId: b }, kind: 'pdq' as const })),
    );
    const half = Math.floor(all.length / 2);
    const [x, y] = await Promise.all([
      matches().createMany(all.slice(0, half + 200)),
      matches().createMany(all.slice(half - 200).reverse()),
    ]);
    assert.equal(x + y, all.length);
    assert.equal((await matches().listForAgency(w.a.id)).length, all.length);
  });

  test('missing media, entries or agencies are refused; so are a match with itself or bad figures', async () => {
    const w = await makeWorld(suite.database, 'match-fk');
    const base = { agencyId: w.a.id, mediaId: w.m1.id, target: { otherMediaId: w.m2.id }, kind: 'pdq' as const };
    await assert.rejects(matches().create({ ...base, mediaId: 616_161 }), isCode('not-found'));
    await assert.rejects(matches().create({ ...base, target: { otherMediaId: 616_161 } }), isCode('not-found'));
    await assert.rejects(matches().create({ ...base, target: { hashSetEntryId: 616_161 } }), isCode('not-found'));
    await assert.rejects(matches().create({ ...base, agencyId: 616_161 }), isCode('not-found'));
    await assert.rejects(matches().create({ ...base, target: { otherMediaId: w.m1.id } }), isCode('bad-usage'));
    await assert.rejects(matches().create({ ...base, distance: -1 }), isCode('bad-usage'));
    await assert.rejects(matches().create({ ...base, overlap: 1.5 }), isCode('bad-usage'));
    const neither = suite.database.db
      .insertInto('matches')
      .values({ agency_id: w.a.id, media_id: w.m1.id, kind: 'pdq', verdict: 'pending', created_at: 0 })
      .execute();
    await assert.rejects(neither, (err: unknown) => /matches_one_target/.test(toAppError(err, 'x').message));
  });

  test('verdicts: give, revise, withdraw; a stale or repeated change is refused', async () => {
    const w = await makeWorld(suite.database, 'match-verdict');
    const m = await matches().create({
      agencyId: w.a.id,
      mediaId: w.m1.id,
      target: { otherMediaId: w.m2.id },
      kind: 'pdq',
    });
    const confirmed = await matches().setVerdict(m.id, w.a.id, {
      from: 'pending',
      to: 'confirmed',
      userId: w.userA.id,
      at: 5,
    });
    assert.equal(confirmed.verdict, 'confirmed');
    assert.equal(confirmed.decidedBy, w.userA.id);
    assert.equal(confirmed.decidedAt, 5);
    assert.deepEqual(
      (await matches().listForAgency(w.a.id, 'confirmed')).map((x) => x.id),
      [m.id],
    );
    assert.deepEqual(await matches().listForAgency(w.a.id, 'pending'), []);

    // A second reviewer who still saw "pending" does not overwrite the first.
    await assert.rejects(
      matches().setVerdict(m.id, w.a.id, { from: 'pending', to: 'rejected', userId: w.userA.id }),
      isCode('conflict'),
    );
    await assert.rejects(
      matches().setVerdict(m.id, w.a.id, { from: 'confirmed', to: 'confirmed', userId: w.userA.id }),
      isCode('bad-usage'),
    );
    const revised = await matches().setVerdict(m.id, w.a.id, {
      from: 'confirmed',
      to: 'rejected',
      userId: w.userA.id,
      at: 6,
    });
    assert.equal(revised.verdict, 'rejected');
    assert.equal(revised.decidedAt, 6);
    const withdrawn = await matches().setVerdict(m.id, w.a.id, { from: 'rejected', to: 'pending', userId: w.userA.id });
    assert.deepEqual([withdrawn.verdict, withdrawn.decidedBy, withdrawn.decidedAt], ['pending', null, null]);
  });

  test('another agency cannot decide a match; an unknown reviewer is not-found', async () => {
    const w = await makeWorld(suite.database, 'match-scope');
    const m = await matches().create({
      agencyId: w.a.id,
      mediaId: w.m1.id,
      target: { otherMediaId: w.m2.id },
      kind: 'pdq',
    });
    await assert.rejects(
      matches().setVerdict(m.id, w.b.id, { from: 'pending', to: 'confirmed', userId: w.userB.id }),
      isCode('not-found'),
    );
    await assert.rejects(
      matches().setVerdict(m.id, w.a.id, { from: 'pending', to: 'confirmed', userId: 505_050 }),
      isCode('not-found'),
    );
    assert.equal((await matches().find(m.id, w.a.id))?.verdict, 'pending');
    const undecided = suite.database.db
      .updateTable('matches')
      .set({ verdict: 'confirmed' })
      .where('id', '=', m.id)
      .execute();
    await assert.rejects(undecided, (err: unknown) => /matches_decision_check/.test(toAppError(err, 'x').message));
  });
});
