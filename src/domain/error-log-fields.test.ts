import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { AppError } from './app-error.js';
import { errorLogFields } from './error-log-fields.js';

it('keeps the class and codes of a file-system error, never its path or message', async () => {
  const path = join('/nonexistent', 'Evidence folder', 'holiday snap.jpg');
  const error = await readFile(path).catch((e: unknown) => e);
  const fields = errorLogFields(error);
  assert.deepEqual(fields, { errorClass: 'Error', code: 'ENOENT', syscall: 'open' });
  assert.doesNotMatch(JSON.stringify(fields), /Evidence|holiday|nonexistent/);
});

it('follows one cause, and drops codes that are free text', () => {
  const cause = Object.assign(new Error('boom /srv/data/blobs/ab/cd'), { code: 'EIO /srv/data' });
  const error = new AppError('unreadable-file', 'Blob /srv/data/blobs/ab could not be read.', { cause });
  assert.deepEqual(errorLogFields(error), {
    errorClass: 'AppError',
    code: 'unreadable-file',
    causeClass: 'Error',
  });
  assert.deepEqual(errorLogFields('a string /with/a/path'), { errorClass: 'string' });
});
