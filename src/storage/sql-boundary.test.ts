/**
 * "Repositories per aggregate; no SQL outside them": every query of src/ is built in
 * src/storage/. A service, job, route or command that needs data calls a repository method.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Query builders and raw SQL: a table read or written, or a statement of its own. */
const QUERY = /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(<[^>]*>)?`/;

/** Files outside src/storage allowed to build SQL, each for its reason. */
const ALLOWED = new Set([
  // The access policy as `where` expressions (with sub-selects over links, sightings, hash sets)
  // that the repositories apply inside their queries; it runs no statement itself.
  'access/scope-query.ts',
]);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Lines of `text` that build SQL, as `file:line: code`, comments left out. */
function queryLines(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const code = line.trim();
    if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return [];
    return QUERY.test(code) ? [`${file}:${i + 1}: ${code}`] : [];
  });
}

test('no SQL is built outside src/storage (and the allowed files)', () => {
  const found = sourceFiles(SRC)
    .map((path) => relative(SRC, path).split('\\').join('/'))
    .filter((file) => !file.startsWith('storage/') && !ALLOWED.has(file))
    .flatMap((file) => queryLines(file, readFileSync(join(SRC, file), 'utf8')));
  assert.deepEqual(found, [], `Move these queries into a repository in src/storage/:\n${found.join('\n')}`);
});

test('the check finds a query builder and raw SQL, and ignores comments', () => {
  assert.equal(queryLines('x.ts', "const r = await db.selectFrom('media').selectAll();").length, 1);
  assert.equal(queryLines('x.ts', 'await sql`select 1`.execute(db);').length, 1);
  assert.equal(queryLines('x.ts', 'const one = sql<number>`1`;').length, 1);
  assert.equal(queryLines('x.ts', "  .deleteFrom('jobs')").length, 1);
  assert.equal(queryLines('x.ts', " * db.selectFrom('series').selectAll()").length, 0);
  assert.equal(queryLines('x.ts', 'const raw = await sharp(png).raw().toBuffer();').length, 0);
});
