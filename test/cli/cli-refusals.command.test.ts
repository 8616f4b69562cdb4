/**
 * What an investigator or administrator mistypes is refused with what to do, the right exit
 * status and no stack trace, before anything is made: an import of a missing file, a folder or a
 * binary or empty file; an export --out into a missing folder or onto a folder; a `vigil user` action that
 * does not exist, or a --db without a database. VICS rejections name the entry, not a "line 0".
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from '../support/paths.js';
import { tempFolder } from '../support/temp-folder.js';
import { vicsText } from '../support/vics-fixture.js';

process.env.DATABASE_URL = '';
const tmp = tempFolder('vigil-cli-refusals-');
const db = join(tmp.dir, 'data');

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) },
    out,
    err,
    text: () => err.join('\n'),
  };
}

async function vigil(...args: string[]) {
  const rec = recorder();
  const status = await main([...args, '--db', db], rec.io);
  assert.doesNotMatch(rec.text(), /unexpected error|\n\s+at /, 'no stack trace');
  return { status, ...rec };
}

it('import refuses a missing file, a folder, a binary file and an empty file, making no hash set', async () => {
  const missing = await vigil('import', join(tmp.dir, 'no-such.csv'), '--as', 'Missing');
  assert.equal(missing.status, 2);
  assert.match(missing.text(), /No such file: ".*no-such\.csv"\. Nothing was imported\./);
  const folder = await vigil('import', tmp.dir, '--as', 'Folder');
  assert.equal(folder.status, 2);
  assert.match(folder.text(), /is a folder: give the hash-list file in it/);
  const caseFolder = await vigil('import', tmp.dir, '--case', 'OP-1');
  assert.equal(caseFolder.status, 2);
  const list = tmp.file('both.csv', 'md5\n0123456789abcdef0123456789abcdef\n');
  const both = await vigil('import', list, '--as', 'Both', '--case', 'OP-1');
  assert.equal(both.status, 2, 'not a hash-set import that leaves --case unheeded');
  assert.match(both.text(), /Give either --as NAME \(a hash set\) or --case REF \(a VICS case export\), not both/);
  const binary = tmp.file(
    'picture.png',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 10, 65, 10]),
  );
  const bin = await vigil('import', binary, '--as', 'Binary');
  assert.equal(bin.status, 1);
  assert.match(bin.text(), /binary data \(NUL bytes\), not a text hash list; nothing was imported/);
  assert.equal(bin.err.length, 1, 'one refusal, not one rejection per line');
  const sets = await vigil('export', '--format', 'csv', '--hash-set', 'Binary', '--out', join(tmp.dir, 'b.csv'));
  assert.match(sets.text(), /There is no hash set "Binary"/);
  const empty = await vigil('import', tmp.file('empty.csv', ''), '--as', 'Empty', '--format', 'csv');
  assert.equal(empty.status, 1, 'not exit 0 as if a list had been imported');
  assert.match(empty.text(), /"[^"]*empty\.csv" is empty \(0 bytes\): nothing was imported/);
  const none = await vigil('export', '--format', 'csv', '--hash-set', 'Empty', '--out', join(tmp.dir, 'e.csv'));
  assert.match(none.text(), /There is no hash set "Empty"/, 'no empty set made');
});

it('a VICS hash list names a rejected Media entry as an entry, in text and in --json', async () => {
  const entries = [
    '{"MD5":"0123456789abcdef0123456789abcdef","Category":1}',
    '{"MD5":"0123456789abcdef0123456789abcdeZ","Category":1}',
  ];
  const file = tmp.file('list.json', vicsText(entries, { version: '1.3' }));
  const text = await vigil('import', file, '--as', 'VICS list');
  assert.equal(text.status, 4);
  assert.match(text.text(), /^vigil import: entry 1: malformed-row: MD5: not hexadecimal$/m);
  const json = await vigil('import', file, '--as', 'VICS list', '--json');
  assert.deepEqual(JSON.parse(json.out[0] ?? '{}'), {
    event: 'rejected',
    entry: 1,
    code: 'malformed-row',
    reason: 'MD5: not hexadecimal',
  });
});

it('export refuses an --out in a missing folder or onto a folder before writing anything', async () => {
  const list = tmp.file('one.csv', 'md5\n0123456789abcdef0123456789abcdef\n');
  assert.equal((await vigil('import', list, '--as', 'One')).status, 0);
  const missing = await vigil(
    'export',
    '--format',
    'csv',
    '--hash-set',
    'One',
    '--out',
    join(tmp.dir, 'nope', 'x.csv'),
  );
  assert.equal(missing.status, 2);
  assert.match(missing.text(), /there is no folder .*nope; make it first or give another path/);
  const outDir = join(tmp.dir, 'out');
  mkdirSync(outDir);
  const onFolder = await vigil('export', '--format', 'csv', '--hash-set', 'One', '--out', outDir);
  assert.equal(onFolder.status, 2);
  assert.match(onFolder.text(), /is a folder: give the name of the file to write/);
  assert.deepEqual(readdirSync(outDir), []);
  assert.equal(existsSync(`${outDir}.part`), false, 'no part file left beside it');
});

it('vigil user names an unknown action, and refuses a --db that holds no database', async () => {
  const unknown = await vigil('user', 'remove', 'admin');
  assert.equal(unknown.status, 2);
  assert.match(unknown.text(), /Unknown action "remove"; the actions are list, reset-password, unlock, reset-totp/);
  const elsewhere = join(tmp.dir, 'typo');
  const rec = recorder();
  assert.equal(await main(['user', 'list', '--db', elsewhere], rec.io), 2);
  assert.match(
    rec.text(),
    /There is no Vigil database in .*typo: give --db with the data directory that vigil serve uses/,
  );
  assert.equal(existsSync(elsewhere), false, 'no database made there');
  const empty = await vigil('user', 'list');
  assert.equal(empty.status, 0);
  assert.match(empty.text(), /No accounts yet: the first start of vigil serve creates "admin"/);
});

it('vigil without a command (or vigil user without an action) shows the usage on stderr with exit 2; --help on stdout with 0', async () => {
  const none = recorder();
  assert.equal(await main([], none.io), 2);
  assert.deepEqual(none.out, [], 'nothing on stdout for a script to take as output');
  assert.match(none.text(), /^Vigil — .*\n\nUsage: vigil <command>/);
  const noAction = recorder();
  assert.equal(await main(['user'], noAction.io), 2);
  assert.deepEqual(noAction.out, []);
  assert.match(noAction.text(), /Give an action\.\n\nUsage: vigil user <action>/);
  const help = recorder();
  assert.equal(await main(['--help'], help.io), 0);
  assert.match(help.out.join('\n'), /Usage: vigil <command>/);
});

it('vigil hash of folders that hold no files says so', async () => {
  const empty = join(tmp.dir, 'nothing-here');
  mkdirSync(empty);
  const rec = recorder();
  assert.equal(await main(['hash', empty], rec.io), 0);
  assert.deepEqual(rec.out, []);
  assert.match(rec.text(), /^vigil hash: no files in ".*nothing-here"\.$/);
});

it('vigil --version prints the version of package.json on stdout; worker --log takes debug as serve does', async () => {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const rec = recorder();
    assert.equal(await main([flag], rec.io), 0);
    assert.deepEqual(rec.out, [`vigil ${version}`]);
  }
  const debug = await vigil('worker', '--log', 'debug');
  assert.equal(debug.status, 2);
  assert.match(debug.text(), /works with the PostgreSQL hub/, 'debug passed the level check');
  const loud = await vigil('worker', '--log', 'loud');
  assert.match(loud.text(), /--log must be one of debug, info, warn, error, silent \(got "loud"\)/);
});
