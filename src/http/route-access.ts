/**
 * Every route says who may call it, in its `config.access`; the access gate (access-gate.ts)
 * enforces it before the body is even parsed, and the authorisation matrix test reads the same
 * declarations from the route table, so a route without a rule fails start-up and the test.
 *
 * - `public`: anyone (health, sign-in, the API description).
 * - `signedIn`: any signed-in user; `allowPending` also while a one-time password or a required
 *   TOTP enrolment is outstanding (the routes that resolve it).
 * - `{kind, action}`: a role that RULES grants `action` on `kind` (policy-rules.ts). Partners
 *   (industry keys) reach only routes marked `partner: true`, whatever RULES grant them.
 * Record-level scope (whose case, which series is shared) is the services' job, per record.
 */
import type { AccessKind, Action } from '../access/access-record.js';
import type { Principal } from '../access/principal.js';

export type RouteAccess =
  | { readonly public: true }
  | { readonly signedIn: true; readonly allowPending?: true }
  | { readonly kind: AccessKind; readonly action: Action; readonly partner?: true };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The routes as registered, for the authorisation matrix and the OpenAPI check. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

export function describeAccess(access: RouteAccess): string {
  if ('public' in access) return 'public';
  if ('signedIn' in access) return access.allowPending ? 'signed in (pending allowed)' : 'signed in';
  return `${access.action} ${access.kind}${access.partner ? ' (partners too)' : ''}`;
}
