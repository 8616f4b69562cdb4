/**
 * `vigil import` of a list past the deferral point (DEFER_INDEXES_AFTER entries): on SQLite it
 * says when it builds the lookup indexes again; `--keep-indexes` goes batch by batch instead.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFER_INDEXES_AFTER } from '../../src/services/hash-list-import.service.js';
import { REPO_ROOT } from '../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-import-large-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(REPO_ROOT, 'bin/vigil.js');
const list = join(dir, 'large.csv');
const N = DEFER_INDEXES_AFTER + 5_000;

before(() => {
  const lines = ['md5'];
  for (let i = 0; i < N; i++) lines.push(createHash('md5').update(`sample-${i}`).digest('hex'));
  writeFileSync(list, lines.join('\n'));
});

// SQLite whatever the environment says (the deferral is SQLite's).
const { DATABASE_URL: _pg, ...env } = process.env;
const vigil = (db: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'import', list, '--as', 'Large list', ...args, '--db', join(dir, db)], {
    encoding: 'utf8',
    env,
  });

test('a large list defers the lookup indexes and says so', () => {
  const r = vigil('deferred');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /building the lookup indexes/);
  assert.match(r.stderr, new RegExp(`${N} rows accepted \\(${N} new, 0 already in the set\\)`));
});

test('--keep-indexes imports the same list batch by batch', () => {
  const r = vigil('kept', '--keep-indexes');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /building the lookup indexes/);
  assert.match(r.stderr, new RegExp(`${N} rows accepted \\(${N} new, 0 already in the set\\)`));
});
