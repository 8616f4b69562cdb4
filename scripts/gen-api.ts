/** `npm run gen:api`: regenerates the web app's API types (web/src/api/schema*) from the server's OpenAPI description. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { API_TYPES_DIR, generateApiTypes } from '../src/http/openapi/api-types.js';

const root = join(import.meta.dirname, '..');
rmSync(join(root, API_TYPES_DIR), { recursive: true, force: true });
for (const [file, content] of await generateApiTypes()) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}
console.log(`wrote ${readdirSync(join(root, API_TYPES_DIR)).length} files in ${API_TYPES_DIR} and their index`);
