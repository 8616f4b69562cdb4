import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../support/paths.js';
import { sampleEntry, vicsText } from '../support/vics-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-case-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(REPO_ROOT, 'bin/vigil.js');
const vigil = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args, '--db', join(dir, 'data')], { encoding: 'utf8' });

test('vigil import --case and vigil export --format vics --case round-trip a made-up case export', () => {
  const entries = [0, 1, 2].map((i) => {
    const e = sampleEntry(i);
    const hashes = e.AlternativeHashes as object[];
    return JSON.stringify({
      ...e,
      Series: 'Sample series',
      Tags: 'made-up',
      AlternativeHashes: [...hashes, { HashName: 'SHA256', HashValue: `${i}`.repeat(64) }],
    });
  });
  entries.push('{"MD5":"xyz","Category":1}');
  const input = join(dir, 'case.json');
  writeFileSync(input, vicsText(entries, { version: '2.0', flavour: 'US', cases: true }, '"CaseNumber":"SAMPLE-9"'));

  const imported = vigil('import', input, '--case', 'CLI-1', '--json');
  assert.equal(imported.status, 4, imported.stderr);
  const lines = imported.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], {
    event: 'rejected',
    entry: 3,
    code: 'malformed-row',
    reason: 'MD5: expected 32 hex digits, got 3 characters',
  });
  const done = lines[1];
  assert.deepEqual([done.accepted, done.mediaAdded, done.sightings, done.series], [3, 3, 3, 1]);

  const out = join(dir, 'out.json');
  const exported = vigil('export', '--format', 'vics', '--case', 'CLI-1', '--out', out);
  assert.equal(exported.status, 0, exported.stderr);
  const first = JSON.parse(readFileSync(out, 'utf8'));
  assert.match(first['@odata.context'], /2\.0\.xml\/US\/\$metadata#Cases$/);
  assert.equal(first.value[0].CaseNumber, 'SAMPLE-9');
  assert.deepEqual(
    first.value[0].Media.map((m: { Series: string; Tags: string; MediaFiles: unknown[] }) => [
      m.Series,
      m.Tags,
      m.MediaFiles.length,
    ]),
    [
      ['Sample series', 'made-up', 1],
      ['Sample series', 'made-up', 1],
      ['Sample series', 'made-up', 1],
    ],
  );

  const again = vigil('import', out, '--case', 'CLI-2');
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /3 entries accepted .* 0 media added, 3 already known/);
  const out2 = join(dir, 'out2.json');
  assert.equal(vigil('export', '--format', 'vics', '--case', 'CLI-2', '--out', out2).status, 0);
  assert.deepEqual(JSON.parse(readFileSync(out2, 'utf8')), first);

  const csv = join(dir, 'list.csv');
  writeFileSync(csv, 'md5\n0123456789abcdef0123456789abcdef\n');
  const wrong = vigil('import', csv, '--case', 'CLI-3');
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /--case reads Project VIC VICS JSON case exports/);
});
