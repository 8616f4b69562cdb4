import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { databaseConfigFromEnv, describePostgresUrl, parsePostgresUrl } from './database.config.js';

test('no DATABASE_URL: SQLite in the data directory', () => {
  assert.deepEqual(databaseConfigFromEnv({}, '/var/lib/vigil'), {
    dialect: 'sqlite',
    file: '/var/lib/vigil/vigil.sqlite',
  });
  assert.equal(databaseConfigFromEnv({ DATABASE_URL: '  ' }, '/d').dialect, 'sqlite');
});

test('DATABASE_URL: PostgreSQL', () => {
  const config = databaseConfigFromEnv({ DATABASE_URL: 'postgres://vigil@db.example:5433/vigil' }, '/d');
  assert.deepEqual(config, { dialect: 'postgres', url: 'postgres://vigil@db.example:5433/vigil' });
  assert.equal(parsePostgresUrl('postgresql://u@h/db'), 'postgresql://u@h/db');
});

test('a bad DATABASE_URL is bad usage, and the message never repeats the password', () => {
  for (const raw of ['not a url', 'mysql://u:secret@h/db', 'postgres://u:secret@/db']) {
    assert.throws(
      () => parsePostgresUrl(raw),
      (err: unknown) => AppError.is(err, 'bad-usage') && !err.message.includes('secret'),
    );
  }
});

test('describePostgresUrl names host, port and database only', () => {
  assert.equal(describePostgresUrl('postgres://u:secret@db.example/vigil'), 'db.example:5432/vigil');
  assert.equal(describePostgresUrl('postgres://u@10.0.0.5:6543/x'), '10.0.0.5:6543/x');
});
