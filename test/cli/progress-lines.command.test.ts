/**
 * On a terminal, lines written while a progress bar is drawn start on a line of their own: the
 * bar is taken off its line first (before, `vigil hash`'s results and `vigil scan`'s Ctrl-C notice
 * were appended to the bar). A scan stopped by Ctrl-C says that its report holds only the files
 * done so far; an unusable --report folder is refused before anything is scanned.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { tempFolder } from '../support/temp-folder.js';

process.env.DATABASE_URL = '';
const tmp = tempFolder('vigil-progress-lines-');

/** One log of what goes to the terminal: stdout and stderr lines and the bar's raw writes, in order. */
function terminal(onDraw?: () => void) {
  const log: string[] = [];
  const errStream = {
    isTTY: true,
    columns: 0, // a terminal that reports no width
    write(s: string) {
      log.push(s);
      if (s.startsWith('\r') && s.length > 4) onDraw?.();
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const io = { out: (l: string) => log.push(`${l}\n`), err: (l: string) => log.push(`${l}\n`), errStream };
  /** Each written line with what was on the terminal's line just before it. */
  const lineStarts = () =>
    log.flatMap((w, i) =>
      w.endsWith('\n') && !w.startsWith('\r') && w !== '\n' ? [{ line: w, before: log[i - 1] ?? '' }] : [],
    );
  return { io, log, lineStarts };
}

function seizure(name: string, files: number): string {
  const folder = join(tmp.dir, name);
  mkdirSync(folder);
  for (let i = 0; i < files; i++) writeFileSync(join(folder, `note-${i}.txt`), `plain text ${i}\n`);
  return folder;
}

/** A line starts at the left when nothing was written before it, or the bar was cleared or ended. */
const atLineStart = (before: string) => before === '' || before === '\r\x1b[K' || before.endsWith('\n');

it('vigil hash writes each result on its own line, not after the bar', async () => {
  const folder = seizure('hash', 3);
  const t = terminal();
  assert.equal(await main(['hash', '--all', '--jobs', '1', folder], t.io), 0, t.log.join(''));
  const starts = t.lineStarts();
  assert.equal(starts.length, 3, t.log.join(''));
  for (const { line, before } of starts) assert.ok(atLineStart(before), `${JSON.stringify(before)} then ${line}`);
  const bar = t.log.find((w) => w.startsWith('\rhashing'));
  assert.ok(bar?.endsWith('\u001b[K'), 'ends with the erase');
  assert.match(bar ?? '', /ETA \d+:\d\d.\[K$/, 'drawn whole where the terminal reports no width');
});

it('a scan stopped by Ctrl-C: the notice starts its own line, and the summary says the report is partial', async () => {
  const folder = seizure('stop', 6);
  let sent = false;
  const t = terminal(() => {
    if (sent) return;
    sent = true;
    setImmediate(() => process.emit('SIGINT')); // as a signal comes: between two turns, not inside a write
  });
  const db = join(tmp.dir, 'db-stop');
  assert.equal(await main(['scan', '--case', 'STOP', '--db', db, '--workers', '0', folder], t.io), 4);
  const starts = t.lineStarts();
  const notice = starts.find((s) => s.line.includes('stopping after the file in progress'));
  assert.ok(notice, t.log.join(''));
  assert.ok(atLineStart(notice.before), JSON.stringify(notice.before));
  assert.match(
    t.log.join(''),
    /stopped before the end: the report holds only the files done so far; run the same command again to finish/,
  );
});

it('an unusable --report folder is refused before anything is scanned', async () => {
  const folder = seizure('report', 1);
  const taken = tmp.file('a-file', 'not a folder');
  const db = join(tmp.dir, 'db-report');
  const t = terminal();
  assert.equal(await main(['scan', '--case', 'R', '--db', db, '--report', taken, folder], t.io), 2);
  assert.match(
    t.log.join(''),
    /Cannot write the report to .*a-file \(EEXIST\): give --report DIR.*Nothing was scanned\./,
  );
  assert.doesNotMatch(t.log.join(''), /unexpected error/);
  assert.equal(existsSync(db), false, 'no database made');
});
