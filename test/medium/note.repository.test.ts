import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NoteRepository } from '../../src/storage/note.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

describeEachDialect('note repository', (suite) => {
  let clock = 1_840_000_000_000;
  const notes = () => new NoteRepository(suite.database.db, () => ++clock);
  const setUp = async (tag: string) => {
    const w = await makeWorld(suite.database, tag);
    const s = await new SeriesRepository(suite.database.db).create({ agencyId: w.a.id, reference: tag, title: tag });
    return { ...w, series: { kind: 'series' as const, id: s.id } };
  };
  const ids = (list: { id: number }[]) => list.map((n) => n.id);

  test('a thread shows each agency only the notes visible to it', async () => {
    const w = await setUp('note-scope');
    const own = await notes().create({ agencyId: w.a.id, authorId: w.userA.id, subject: w.series, body: 'Internal' });
    const toB = await notes().create({
      agencyId: w.a.id,
      authorId: w.userA.id,
      subject: w.series,
      body: 'For unit B',
      visibleTo: [w.b.id, w.a.id],
    });
    const fromB = await notes().create({
      agencyId: w.b.id,
      authorId: w.userB.id,
      subject: w.series,
      body: 'Reply from B',
      replyToId: toB.id,
      visibleTo: [w.a.id],
    });
    assert.deepEqual(toB.visibleTo, [w.b.id], 'the owner is not listed');
    assert.deepEqual(ids(await notes().thread(w.series, w.a.id)), [own.id, toB.id, fromB.id]);
    assert.deepEqual(ids(await notes().thread(w.series, w.b.id)), [toB.id, fromB.id]);
    assert.deepEqual(await notes().thread(w.series, w.c.id), []);
    assert.equal(await notes().find(own.id, w.b.id), null);
    assert.equal(await notes().find(own.id, w.c.id), null);
    const seenByB = await notes().find(toB.id, w.b.id);
    assert.equal(seenByB?.body, 'For unit B');
    assert.deepEqual(seenByB?.visibleTo, [], 'only the owner learns who else may read it');
    assert.deepEqual((await notes().find(toB.id, w.a.id))?.visibleTo, [w.b.id]);
  });

  test('notes on a case form their own thread; re-sharing changes who reads', async () => {
    const w = await setUp('note-case');
    const subject = { kind: 'case' as const, id: w.caseA.id };
    const n = await notes().create({ agencyId: w.a.id, authorId: w.userA.id, subject, body: 'Case note' });
    assert.deepEqual(n.subject, subject);
    assert.deepEqual(ids(await notes().thread(subject, w.a.id)), [n.id]);
    assert.deepEqual(await notes().thread(w.series, w.a.id), []);
    await notes().setVisibility(n.id, w.a.id, [w.c.id]);
    assert.deepEqual(ids(await notes().thread(subject, w.c.id)), [n.id]);
    await notes().setVisibility(n.id, w.a.id, []);
    assert.deepEqual(await notes().thread(subject, w.c.id), []);
    await assert.rejects(notes().setVisibility(n.id, w.c.id, [w.c.id]), isCode('not-found'));
  });

  test('missing subjects, authors, agencies and parents are refused; a reply stays in its thread', async () => {
    const w = await setUp('note-refuse');
    const base = { agencyId: w.a.id, authorId: w.userA.id, subject: w.series, body: 'x' };
    await assert.rejects(notes().create({ ...base, subject: { kind: 'series', id: 939_393 } }), isCode('not-found'));
    await assert.rejects(notes().create({ ...base, subject: { kind: 'case', id: 939_393 } }), isCode('not-found'));
    await assert.rejects(notes().create({ ...base, authorId: 939_393 }), isCode('not-found'));
    await assert.rejects(notes().create({ ...base, visibleTo: [939_393] }), isCode('not-found'));
    await assert.rejects(notes().create({ ...base, replyToId: 939_393 }), isCode('not-found'));
    assert.deepEqual(await notes().thread(w.series, w.a.id), [], 'nothing kept from the refused notes');
    const onCase = await notes().create({ ...base, subject: { kind: 'case', id: w.caseA.id } });
    await assert.rejects(notes().create({ ...base, replyToId: onCase.id }), isCode('bad-usage'));
  });
});
