/**
 * Walking dropped folders (dropped-files.ts) on fake entries shaped like the browser's entry API:
 * nested folders read in several batches, paths kept from the drop's root, and a file or folder
 * that cannot be read named without stopping the rest.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EntryLike } from '../../web/src/upload/dropped-files.js';
import { walkEntries } from '../../web/src/upload/dropped-files.js';

type Fake = { body: string };

function file(path: string, readable = true): EntryLike<Fake> {
  const name = path.split('/').pop() ?? path;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath: `/${path}`,
    file: (ok, fail) => setTimeout(() => (readable ? ok({ body: `bytes of ${path}` }) : fail(new Error('gone')))),
  };
}

/** A folder whose reader answers `batches` one per call, then an empty batch (as Chromium does past 100 entries). */
function folder(path: string, batches: EntryLike<Fake>[][], listable = true): EntryLike<Fake> {
  return {
    isFile: false,
    isDirectory: true,
    name: path.split('/').pop() ?? path,
    fullPath: `/${path}`,
    createReader: () => {
      let call = 0;
      return {
        readEntries: (ok, fail) =>
          setTimeout(() => (listable ? ok(batches[call++] ?? []) : fail(new Error('not allowed')))),
      };
    },
  };
}

describe('web: dropped folders', () => {
  it('walks nested folders batch by batch, keeping each file’s path within the drop', async () => {
    const many = Array.from({ length: 150 }, (_, i) => file(`seized/phone/img-${i}.jpg`));
    const dropped = await walkEntries([
      file('loose.png'),
      folder('seized', [
        [file('seized/a.jpg'), folder('seized/phone', [many.slice(0, 100), many.slice(100)])],
        [file('seized/z.jpg'), folder('seized/empty', [])],
      ]),
    ]);
    assert.equal(dropped.files.length, 1 + 1 + 150 + 1);
    assert.deepEqual(
      dropped.files.slice(0, 3).map((f) => f.path),
      ['loose.png', 'seized/a.jpg', 'seized/phone/img-0.jpg'],
    );
    assert.equal(dropped.files.at(-1)?.path, 'seized/z.jpg');
    assert.equal(dropped.files[1]?.file.body, 'bytes of seized/a.jpg');
    assert.deepEqual(dropped.unreadable, []);
  });

  it('names what it could not read and goes on with the rest', async () => {
    const dropped = await walkEntries([
      folder('disk', [[file('disk/ok.jpg'), file('disk/gone.jpg', false), folder('disk/locked', [], false)]]),
      file('after.jpg'),
    ]);
    assert.deepEqual(
      dropped.files.map((f) => f.path),
      ['disk/ok.jpg', 'after.jpg'],
    );
    assert.deepEqual(dropped.unreadable, ['disk/gone.jpg', 'disk/locked/']);
  });
});
