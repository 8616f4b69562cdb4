/**
 * HTTP tests on both dialects (STYLE.md §7): a fresh database per suite, the real Fastify app
 * driven with `inject` (no socket), and clients that sign in the way real callers do — a cookie
 * session with its CSRF token, or a bearer token. `addUser` gives a user of any agency and roles
 * with a bearer token (fast: no password hashing); `signIn` goes through the login route.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { type AppConfig, createApp, type VigilApp } from '../../src/app.js';
import type { Role } from '../../src/domain/agency.record.js';
import { buildHttpApp, type HttpApp, type HttpOptions } from '../../src/http/http-app.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { DIALECTS, type DialectName } from '../../src/storage/dialect-name.js';
import { createScratchTarget, type ScratchTarget } from './scratch-database.js';

/** Response bodies are whatever JSON the route sent; tests assert on them field by field. */
// biome-ignore lint/suspicious/noExplicitAny: JSON of any shape, checked by the assertions that read it.
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface ApiClient {
  readonly actor: Actor | null;
  request<T = Json>(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  get<T = Json>(url: string): Promise<ApiResponse<T>>;
  post<T = Json>(url: string, body?: unknown): Promise<ApiResponse<T>>;
}

export interface ServerSuite {
  readonly dialect: DialectName;
  readonly vigil: VigilApp;
  readonly http: HttpApp;
  /** Not signed in. */
  readonly anonymous: ApiClient;
  addAgency(name: string, countryCode?: string): Promise<number>;
  /** A user with a bearer token; username defaults to a unique one. */
  addUser(agencyId: number, roles: readonly Role[], username?: string): Promise<ApiClient & { userId: number }>;
  /** A partner key of the agency. */
  addPartner(agencyId: number, ratePerMinute?: number): Promise<ApiClient>;
  /** Signs in through POST /api/v1/auth/login and keeps the cookie and CSRF token. */
  signIn(username: string, password: string, totpCode?: string): Promise<ApiClient & { login: ApiResponse }>;
}

let counter = 0;

function client(
  http: HttpApp,
  actor: Actor | null,
  auth: { bearer?: string; cookie?: string; csrf?: string },
): ApiClient {
  const request = async (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { ...extra };
    if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = auth.csrf;
    const response = await http.server.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    let parsed: unknown = response.body;
    if (String(response.headers['content-type'] ?? '').includes('json') && response.body !== '') {
      parsed = JSON.parse(response.body);
    }
    return { status: response.statusCode, body: parsed as Json, headers: response.headers };
  };
  return {
    actor,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
  };
}

/** `describe(name [dialect])` per dialect with a fresh database and server. */
export function describeEachServer(
  name: string,
  body: (suite: ServerSuite) => void,
  options: { http?: HttpOptions; app?: Partial<AppConfig> } = {},
): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let target: ScratchTarget | undefined;
      let vigil: VigilApp | undefined;
      let http: HttpApp | undefined;
      let dataDir = '';
      const need = <T>(value: T | undefined): T => {
        if (value === undefined) throw new Error(`no ${dialect} server: the suite's set-up failed`);
        return value;
      };
      const suite: ServerSuite = {
        dialect,
        get vigil() {
          return need(vigil);
        },
        get http() {
          return need(http);
        },
        get anonymous() {
          return client(need(http), null, {});
        },
        async addAgency(agencyName, countryCode = 'ZZ') {
          return (await new AgencyRepository(need(vigil).database.db).create({ countryCode, name: agencyName })).id;
        },
        async addUser(agencyId, roles, username) {
          const app = need(vigil);
          const user = await new AgencyRepository(app.database.db).createUser({
            agencyId,
            username: username ?? `user-${++counter}`,
            displayName: 'Test user',
            roles,
          });
          const actor = { userId: user.id, agencyId, roles: user.roles };
          const key = await app.apiKeys.createUserToken(actor, { name: 'test' });
          return { ...client(need(http), actor, { bearer: key.token }), userId: user.id };
        },
        async addPartner(agencyId, ratePerMinute) {
          const app = need(vigil);
          const actor = { userId: null, agencyId, roles: ['admin'] as Role[] };
          const key = await app.apiKeys.createPartnerKey(actor, { name: `partner-${++counter}`, ratePerMinute });
          return client(need(http), { userId: null, agencyId, roles: ['partner'] }, { bearer: key.token });
        },
        async signIn(username, password, totpCode) {
          const login = await client(need(http), null, {}).post('/api/v1/auth/login', {
            username,
            password,
            ...(totpCode ? { totpCode } : {}),
          });
          const setCookie = login.headers['set-cookie'];
          const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
          const cookie = typeof raw === 'string' ? raw.split(';')[0] : undefined;
          const user = login.body?.user;
          const actor = user ? { userId: user.id, agencyId: user.agencyId, roles: user.roles } : null;
          return { ...client(need(http), actor, { cookie, csrf: login.body?.csrfToken }), login };
        },
      };
      before(async () => {
        target = await createScratchTarget(dialect);
        dataDir = mkdtempSync(join(tmpdir(), 'vigil-http-'));
        vigil = await createApp({ database: target.config, dataDir, ...options.app });
        http = await buildHttpApp(vigil, options.http ?? {});
      });
      after(async () => {
        await http?.server.close();
        await vigil?.close();
        await target?.cleanup();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      });
      body(suite);
    });
  }
}
