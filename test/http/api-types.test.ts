/**
 * The web app's API types (web/src/api/schema.d.ts and web/src/api/schema/*.d.ts) are generated
 * from the server's OpenAPI description; this fails when a route or schema changed and the files
 * were not regenerated (`npm run gen:api`), so the client cannot drift from the server.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { API_TYPES_DIR, generateApiTypes } from '../../src/http/openapi/api-types.js';
import { REPO_ROOT } from '../support/paths.js';

it('web/src/api/schema* match the routes (run npm run gen:api after changing a route)', async () => {
  const fresh = await generateApiTypes();
  for (const [file, content] of fresh) {
    const path = join(REPO_ROOT, file);
    assert.ok(existsSync(path) && readFileSync(path, 'utf8') === content, `${file} is stale: run npm run gen:api`);
  }
  const committed = readdirSync(join(REPO_ROOT, API_TYPES_DIR)).map((f) => `${API_TYPES_DIR}/${f}`);
  assert.deepEqual(
    committed.filter((f) => !fresh.has(f)),
    [],
    'files for tags that no longer exist',
  );
});
