import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { toAppError } from './storage-errors.js';

test('a full PostgreSQL disk says so and what to do, keeping the server error as the cause', () => {
  const cause = Object.assign(new Error('could not extend file "base/16384/2619": No space left on device'), {
    code: '53100',
  });
  const err = toAppError(cause, 'Adding media');
  assert.ok(AppError.is(err, 'internal'));
  assert.equal(
    err.message,
    "Adding media failed: the PostgreSQL server's disk is full (53100). Free space where the server keeps its data and try again; this change was not saved.",
  );
  assert.equal(err.cause, cause);
});
