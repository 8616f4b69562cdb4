/**
 * The alerts inbox's "Show more" (alerts-paging.ts), played against a model of the server's order
 * (unread first, then newest): marking alerts read between pages moves them, and still every
 * alert is shown once.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ALERTS_PAGE, appendPage, coveredAfter, nextWindows, replaceAlert } from '../../web/src/pages/alerts-paging.js';

interface A {
  id: number;
  createdAt: number;
  read: boolean;
}

/** The server's order: unread first, then newest; a page by offset. */
function serverPage(all: readonly A[], offset: number, limit: number): A[] {
  const sorted = [...all].sort((a, b) => Number(a.read) - Number(b.read) || b.createdAt - a.createdAt);
  return sorted.slice(offset, offset + limit).map((a) => ({ ...a }));
}

/** The inbox played against the server: `marks(shown)` alerts marked read before each "Show more". */
function play(all: A[], marks: number) {
  let shown = serverPage(all, 0, ALERTS_PAGE);
  let covered = shown.length;
  let pages = 0;
  while (covered < all.length) {
    let marked = 0;
    for (const a of shown) {
      if (marked === marks) break;
      if (a.read) continue;
      const row = all.find((x) => x.id === a.id) as A;
      row.read = true;
      shown = replaceAlert(shown, { ...row });
      marked++;
    }
    const before = covered;
    const windows = nextWindows(covered, marked);
    for (const w of windows) shown = appendPage(shown, serverPage(all, w.offset, w.limit));
    covered = coveredAfter(windows, all.length);
    assert.ok(covered >= Math.min(all.length, before + ALERTS_PAGE), 'each "Show more" adds at least a page');
    const ids = new Set(shown.map((a) => a.id));
    for (const a of serverPage(all, 0, covered)) assert.ok(ids.has(a.id), `alert ${a.id} is shown`);
    assert.equal(ids.size, shown.length, 'each alert once');
    pages++;
  }
  assert.equal(shown.length, all.length);
  return pages;
}

const inbox = (n: number): A[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, createdAt: 1000 + i, read: i % 3 === 0 }));

it('shows every alert once, a whole page per "Show more", though alerts marked read move in the order', () => {
  assert.equal(play(inbox(420), 0), 8);
  assert.equal(play(inbox(420), 7), 8);
  assert.equal(play(inbox(1000), 49), 19);
});

it('asks again from the start when more were marked read than one request can step back over', () => {
  assert.deepEqual(nextWindows(100, 0), [{ offset: 100, limit: 50 }]);
  assert.deepEqual(nextWindows(100, 3), [{ offset: 97, limit: 53 }]);
  assert.deepEqual(nextWindows(400, 160), [
    { offset: 0, limit: 200 },
    { offset: 200, limit: 200 },
    { offset: 400, limit: 50 },
  ]);
  assert.equal(play(inbox(700), 170), 13);
});

it('keeps the first copy of an alert that arrives twice', () => {
  const merged = appendPage(
    [
      { id: 1, v: 'old' },
      { id: 2, v: 'old' },
    ],
    [
      { id: 2, v: 'new' },
      { id: 3, v: 'new' },
    ],
  );
  assert.deepEqual(merged, [
    { id: 1, v: 'old' },
    { id: 2, v: 'old' },
    { id: 3, v: 'new' },
  ]);
});
