import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressBar } from './progress-bar.js';

/** A terminal-like stream that keeps what is drawn. */
function terminal(isTTY = true) {
  const written: string[] = [];
  const stream = { isTTY, columns: 200, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written, last: () => written.filter((w) => w.startsWith('\r')).at(-1) ?? '' };
}

test('with a total: count of total, a bar and an ETA', () => {
  const t = terminal();
  const bar = createProgressBar({ total: 4, label: 'scan', stream: t.stream, interval: 0 });
  bar.tick(1000);
  bar.tick(1000);
  assert.match(t.last(), /^\rscan [█░]{24} 2\/4 {2}[\d.]+\/s {2}[\d.]+ MB\/s {2}ETA /);
  assert.equal((t.last().match(/█/g) ?? []).length, 12);
});

test('without a total: the count in its unit, no bar', () => {
  const t = terminal();
  const bar = createProgressBar({ total: 0, label: 'import', unit: 'entries', stream: t.stream, interval: 0 });
  for (let i = 0; i < 3; i++) bar.tick();
  bar.done();
  assert.match(t.last(), /^\rimport 3 entries {2}/);
  assert.doesNotMatch(t.last(), /█|░|ETA|MB\/s/, 'no bytes counted, so no MB/s');
  assert.equal(t.written.at(-1), '\n');
});

test('a detail (counts by status) follows the count and stays until replaced', () => {
  const t = terminal();
  const bar = createProgressBar({ total: 0, label: 'scan', stream: t.stream, interval: 0 });
  bar.tick(10, 'new 1 · near-dup 0');
  assert.match(t.last(), /^\rscan 1 files \(new 1 · near-dup 0\) {2}[\d.]+\/s/);
  bar.tick(10);
  assert.match(t.last(), /^\rscan 2 files \(new 1 · near-dup 0\) /, 'kept when not given');
  bar.tick(10, 'new 1 · near-dup 1');
  bar.done();
  assert.match(t.last(), /^\rscan 3 files \(new 1 · near-dup 1\) /);
});

test('draws nothing where the stream is not a terminal', () => {
  const t = terminal(false);
  const bar = createProgressBar({ total: 2, label: 'scan', stream: t.stream, interval: 0 });
  bar.tick();
  bar.done();
  assert.deepEqual(t.written, []);
});
