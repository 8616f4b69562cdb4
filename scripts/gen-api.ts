/** `npm run gen:api`: regenerates web/src/api/schema.d.ts from the server's OpenAPI description. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_TYPES_FILE, generateApiTypes } from '../src/http/openapi/api-types.js';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, API_TYPES_FILE), await generateApiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
