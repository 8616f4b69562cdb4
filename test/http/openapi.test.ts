/**
 * The API description covers every route: a summary, a tag, a schema for its success response,
 * and its errors in the shared Problem format (a `default` at least; 401/403 where sign-in is
 * needed, 404 on record routes, 400 where input is validated), so /docs and generated clients
 * never miss a route or an error shape. Read from the route table. Error answers really have
 * the documented shape.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachServer } from '../support/http-harness.js';

interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { in: string }[];
  responses?: Record<string, Response>;
}

/** A response, or the shared one it refers to in `components.responses`. */
type Resolve = (response: Response | undefined) => Response | undefined;

const PROBLEM_REF = '#/components/schemas/Problem';

/** The error statuses the operation must document with the Problem schema. */
function expectedErrors(op: Operation, isPublic: boolean): string[] {
  const statuses = ['default', '429'];
  if (!isPublic) statuses.push('401', '403');
  if (op.parameters?.some((p) => p.in === 'path')) statuses.push('404');
  if (op.parameters?.length || 'requestBody' in op) statuses.push('400');
  return statuses;
}

function errorProblems(label: string, op: Operation, isPublic: boolean, resolve: Resolve): string[] {
  const problems: string[] = [];
  for (const status of expectedErrors(op, isPublic)) {
    const response = resolve(op.responses?.[status]);
    const ref = response?.content?.['application/json']?.schema?.$ref;
    if (ref !== PROBLEM_REF) problems.push(`${label}: ${status} not documented as a Problem`);
    else if (!response?.description || response.description === 'Default Response') {
      problems.push(`${label}: ${status} has no description`);
    }
  }
  for (const [status, declared] of Object.entries(op.responses ?? {})) {
    const ref = resolve(declared)?.content?.['application/json']?.schema?.$ref;
    if (/^[45]|default/.test(status) && ref !== PROBLEM_REF) problems.push(`${label}: ${status} is not a Problem`);
  }
  return problems;
}

describeEachServer(
  'OpenAPI description',
  (suite) => {
    it('describes every route with a summary, a tag, a success response schema and its errors as Problems', async () => {
      const spec = (await suite.anonymous.get('/docs/json')).body as {
        paths: Record<string, Record<string, Operation>>;
        components: { responses?: Record<string, Response> };
      };
      const resolve: Resolve = (r) =>
        r?.$ref ? spec.components.responses?.[r.$ref.replace('#/components/responses/', '')] : r;
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
        problems.push(...errorProblems(label, op, 'public' in route.access, resolve));
      }
      assert.deepEqual(problems, []);
    });

    it('writes the common error answers once, in components.responses, each a Problem', async () => {
      const spec = (await suite.anonymous.get('/docs/json')).body;
      const shared = spec.components.responses as Record<string, Response>;
      assert.deepEqual(Object.keys(shared).sort(), [
        'Problem400',
        'Problem401',
        'Problem403',
        'Problem404',
        'Problem413',
        'Problem415',
        'Problem429',
        'ProblemDefault',
      ]);
      for (const r of Object.values(shared)) assert.equal(r.content?.['application/json']?.schema?.$ref, PROBLEM_REF);
      const cases = spec.paths['/api/v1/cases'].get.responses;
      assert.deepEqual(cases['403'], { $ref: '#/components/responses/Problem403' });
    });

    it('serves the Problem schema in the description, with the fields error answers carry', async () => {
      const spec = (await suite.anonymous.get('/docs/json')).body;
      const problem = spec.components.schemas.Problem;
      assert.deepEqual(problem.required.sort(), ['code', 'message']);
      const invalid = await suite.anonymous.post('/api/v1/auth/login', { username: '' });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.code, 'bad-usage');
      assert.ok(Array.isArray(invalid.body.details.issues), 'details survive the documented schema');
      // Each issue names its validation keyword and parameters: codes the web app says in its language.
      const issue = invalid.body.details.issues[0];
      assert.equal(typeof issue.keyword, 'string', JSON.stringify(issue));
      assert.equal(typeof issue.params, 'object', JSON.stringify(issue));
      for (const answer of [invalid, await suite.anonymous.get('/api/v1/cases')]) {
        assert.deepEqual(
          Object.keys(answer.body).filter((k) => !(k in problem.properties)),
          [],
          'nothing outside the schema',
        );
      }
    });
  },
  { http: {} },
);
