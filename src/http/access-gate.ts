/**
 * Authentication and route-level authorisation, before any body is read: resolves the caller
 * (bearer token, else session cookie), enforces the route's `access` (route-access.ts), holds back
 * everything but the fix while a one-time password or required TOTP enrolment is outstanding, and
 * checks the CSRF token on unsafe requests made with a cookie.
 */
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { effectiveRoles, roleGrants } from '../access/policy-rules.js';
import type { Principal } from '../access/principal.js';
import { AppError } from '../domain/app-error.js';
import type { PrincipalService } from '../services/principal.service.js';
import type { RouteAccess, RouteEntry } from './route-access.js';

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes added by plugins (the docs UI and its assets) are public reading material. */
const PUBLIC_PREFIXES = ['/docs'];

export function registerAccessGate(app: FastifyInstance, principals: PrincipalService, table: RouteEntry[]): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let access = route.config?.access;
    if (!access && PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      access = { public: true };
      route.config = { ...route.config, access };
    }
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} declares no access rule (config.access).`);
    for (const method of methods) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return; // the not-found handler
    request.principal = await authenticate(request, principals);
    authorise(request, access);
  });
}

async function authenticate(request: FastifyRequest, principals: PrincipalService): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] ? await principals.fromBearer(match[1]) : null;
    if (!principal) {
      throw new AppError('unauthenticated', 'The bearer token is not valid (unknown, revoked or expired).');
    }
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? principals.fromSession(cookie) : null;
}

function authorise(request: FastifyRequest, access: RouteAccess): void {
  if ('public' in access) return;
  const principal = request.principal;
  if (!principal) {
    throw new AppError('unauthenticated', 'Sign in first (POST /api/v1/auth/login) or send a bearer token.');
  }
  if (principal.pending && !('signedIn' in access && access.allowPending)) {
    throw principal.pending === 'password-change'
      ? new AppError(
          'password-change-required',
          'Choose a new password first (POST /api/v1/auth/password): the current one was for one use.',
        )
      : new AppError(
          'password-change-required',
          'Your agency requires a second factor: enrol one first (POST /api/v1/auth/totp).',
          { details: { pending: 'totp-enrolment' } },
        );
  }
  if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) checkCsrf(request, principal);
  if ('signedIn' in access) {
    if (principal.via === 'partner') throw new AppError('forbidden', 'Partner keys may only look up hashes.');
    return;
  }
  const partner = effectiveRoles(principal.actor.roles).includes('partner');
  if (partner && !access.partner) throw new AppError('forbidden', 'Partner keys may only look up hashes.');
  if (!roleGrants(principal.actor.roles, access.action, access.kind)) {
    const held = principal.actor.roles.length > 0 ? principal.actor.roles.join(', ') : 'no role';
    throw new AppError('forbidden', `Role ${held} may not ${access.action} ${access.kind} records.`, {
      details: { kind: access.kind, action: access.action },
    });
  }
}

function checkCsrf(request: FastifyRequest, principal: Principal): void {
  const sent = request.headers[CSRF_HEADER];
  const expected = principal.csrfToken ?? '';
  const ok =
    typeof sent === 'string' &&
    sent.length === expected.length &&
    timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) {
    throw new AppError(
      'forbidden',
      `Send the session's CSRF token in the ${CSRF_HEADER} header (from /api/v1/auth/session).`,
    );
  }
}
