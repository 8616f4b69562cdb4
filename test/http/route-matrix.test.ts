/**
 * The authorisation matrix, generated from the route table: every route × every role (and no
 * sign-in) × own and other agency, against what the policy table (RULES) says. A route without a
 * case in ./matrix fails here, so no route ships without its rule being exercised. An allowed
 * request must succeed (2xx), so a case cannot pass on a request that fails validation after the
 * gate; a denied one must get 401 (nobody) or 403.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { RULES } from '../../src/access/policy-rules.js';
import { ROLES, type Role } from '../../src/domain/agency.record.js';
import type { RouteAccess } from '../../src/http/route-access.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { MATRIX_CASES } from './matrix/index.js';
import type { MatrixCase, MatrixContext } from './matrix/matrix-case.js';

/** What the policy says, read from RULES independently of the gate's code. */
function allowedByPolicy(access: RouteAccess, role: Role | null): boolean {
  if ('public' in access) return true;
  if (role === null) return false;
  if ('signedIn' in access) return role !== 'partner';
  const granted = (RULES[access.kind][access.action] as readonly Role[]).includes(role);
  return role === 'partner' ? granted && access.partner === true : granted;
}

/** An allowed request must do what it asks (2xx), not merely get past the gate. */
function succeeded(status: number, testCase: MatrixCase): boolean {
  return (status >= 200 && status <= 299) || status === testCase.ownStatus?.status;
}

const CALLERS: readonly (Role | null)[] = [...ROLES, null];

describeEachServer('authorisation matrix', (suite) => {
  const clients = new Map<Role | null, ApiClient>();
  let base: Omit<MatrixContext, 'role' | 'caller'>;

  before(async () => {
    const ownAgency = await suite.addAgency('Matrix own unit');
    const otherAgency = await suite.addAgency('Matrix other unit');
    base = {
      suite,
      ownAgency,
      otherAgency,
      ownAnalyst: await suite.addUser(ownAgency, ['analyst']),
      otherAnalyst: await suite.addUser(otherAgency, ['analyst']),
    };
    for (const role of ROLES) {
      clients.set(
        role,
        role === 'partner' ? await suite.addPartner(ownAgency, 100_000) : await suite.addUser(ownAgency, [role]),
      );
    }
    clients.set(null, suite.anonymous);
  });

  it('has a case for every route, and every case names a route', () => {
    const keys = suite.http.routes.filter((r) => !r.url.startsWith('/docs')).map((r) => `${r.method} ${r.url}`);
    const missing = keys.filter((k) => !(k in MATRIX_CASES));
    assert.deepEqual(missing, [], 'routes without a matrix case (add one in test/http/matrix/)');
    const stale = Object.keys(MATRIX_CASES).filter((k) => !keys.includes(k));
    assert.deepEqual(stale, [], 'matrix cases for routes that do not exist');
  });

  it('answers every route × role × agency as the policy says', async () => {
    const failures: string[] = [];
    let checked = 0;
    const routes = suite.http.routes.filter((r) => !r.url.startsWith('/docs'));
    for (const route of routes) {
      const testCase = MATRIX_CASES[`${route.method} ${route.url}`];
      if (!testCase) continue;
      for (const role of CALLERS) {
        const caller = clients.get(role);
        if (!caller) throw new Error(`no client for ${role}`);
        const ctx: MatrixContext = { ...base, role, caller };
        const allowed = allowedByPolicy(route.access, role);
        const label = `${route.method} ${route.url} as ${role ?? 'nobody'}`;
        const own = await testCase.own(ctx);
        const got = await caller.request(own.method, own.url, own.body, own.headers);
        checked++;
        if (allowed && !succeeded(got.status, testCase)) {
          failures.push(`${label} (own): allowed by policy, got ${got.status} ${got.body?.message ?? ''}`);
        }
        if (!allowed && got.status !== (role === null ? 401 : 403)) {
          failures.push(`${label} (own): denied by policy, got ${got.status}`);
        }
        if (!testCase.other) continue;
        const other = await testCase.other(ctx);
        const theirs = await caller.request(other.method, other.url, other.body, other.headers);
        checked++;
        const expected = allowed ? (testCase.otherStatus ?? 404) : role === null ? 401 : 403;
        if (theirs.status !== expected) {
          failures.push(
            `${label} (other agency): expected ${expected}, got ${theirs.status} ${theirs.body?.message ?? ''}`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked >= routes.length * CALLERS.length, `checked only ${checked} cases`);
  });
});
