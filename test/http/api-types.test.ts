/**
 * The web app's API types (web/src/api/schema.d.ts) are generated from the server's OpenAPI
 * description; this fails when a route or schema changed and the file was not regenerated
 * (`npm run gen:api`), so the client cannot drift from the server.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { API_TYPES_FILE, generateApiTypes } from '../../src/http/openapi/api-types.js';
import { REPO_ROOT } from '../support/paths.js';

it('web/src/api/schema.d.ts matches the routes (run npm run gen:api after changing a route)', async () => {
  const committed = readFileSync(join(REPO_ROOT, API_TYPES_FILE), 'utf8');
  assert.ok(committed === (await generateApiTypes()), `${API_TYPES_FILE} is stale: run npm run gen:api`);
});
