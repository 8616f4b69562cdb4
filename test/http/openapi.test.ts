/**
 * The API description covers every route: a summary, a tag, and a schema for its success
 * response, so /docs and generated clients never miss a route. Read from the route table.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachServer } from '../support/http-harness.js';

interface Operation {
  summary?: string;
  tags?: string[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

describeEachServer(
  'OpenAPI description',
  (suite) => {
    it('describes every route with a summary, a tag and a success response schema', async () => {
      const spec = (await suite.anonymous.get('/docs/json')).body as {
        paths: Record<string, Record<string, Operation>>;
      };
      const problems: string[] = [];
      for (const route of suite.http.routes) {
        // The docs UI's own files and the web app's pages are not API routes.
        if (route.url.startsWith('/docs') || route.url === '/*') continue;
        const path = route.url.replace(/:(\w+)/g, '{$1}');
        const op = spec.paths[path]?.[route.method.toLowerCase()];
        const label = `${route.method} ${route.url}`;
        if (!op) {
          problems.push(`${label}: missing`);
          continue;
        }
        if (!op.summary) problems.push(`${label}: no summary`);
        if (!op.tags?.length) problems.push(`${label}: no tag`);
        const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        if (success.length === 0) problems.push(`${label}: no success response schema`);
      }
      assert.deepEqual(problems, []);
    });
  },
  { http: {} },
);
