/**
 * Every route documents its errors with the shared Problem schema (problem.ts), in one place: an
 * onRoute hook (registered before the OpenAPI plugin, which reads the schemas as routes are
 * added) fills in the statuses the hub itself answers for any route of that shape: validation
 * (400), sign-in and roles (401, 403), records by id (404), bodies (413, 415), rate limits (429),
 * and a `default` for the rest (409, 422 and the like come from a route's own rules; 500 never
 * carries more than `internal`). A route's own entry for a status wins. Hidden routes are skipped.
 * In the served description these common answers are written once, under `components.responses`
 * (`Problem400`, …), and each operation refers to them (shareProblemResponses), so /docs and the
 * generated web types hold one copy instead of one per route.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

const REF = { $ref: 'Problem#' };
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  400: 'The request is invalid (which field and why in `details.issues`).',
  401: 'Not signed in, or the token or session is unknown, revoked or expired.',
  403: 'Signed in, but this role or account may not do this (or a pending password change or enrolment).',
  404: 'No such record, or none this account may see.',
  413: 'The body or a file is larger than this route accepts.',
  415: 'The content type is not one this route accepts.',
  429: 'Too many requests: see `Retry-After`.',
  default: 'Any other error (for example 409 conflict, 422 unusable file), in the same Problem format.',
};

/** A Problem response a route declares itself, for a status only its own rules give (e.g. a public sign-in's 401). */
export function problemResponse(description: string): { $ref: string; description: string } {
  return { ...REF, description };
}

type Schema = { response?: Record<string, unknown>; hide?: boolean; body?: unknown; params?: unknown };

/** The error statuses a route of this shape can answer. */
export function problemStatuses(route: Pick<RouteOptions, 'method' | 'config'> & { schema?: Schema }): string[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const schema = route.schema ?? {};
  const isPublic = route.config?.access !== undefined && 'public' in route.config.access;
  const takesBody = methods.some((m) => WITH_BODY.has(m));
  const statuses = ['400'];
  if (!isPublic) statuses.push('401', '403');
  if (schema.params) statuses.push('404');
  if (takesBody) statuses.push('413', '415');
  statuses.push('429', 'default');
  return statuses;
}

export function registerProblemResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as Schema;
    if (schema.hide) return;
    const response = { ...schema.response };
    for (const status of problemStatuses({ ...route, schema })) {
      response[status] ??= { ...REF, description: DESCRIPTIONS[status] };
    }
    route.schema = { ...schema, response };
  });
}

type Doc = {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> } | unknown>>;
  components?: { responses?: Record<string, unknown> } & Record<string, unknown>;
};

/** The name in `components.responses` of the common answer for `status`. */
export const sharedResponseName = (status: string) => `Problem${status === 'default' ? 'Default' : status}`;

/**
 * The OpenAPI document with every common Problem answer (the ones registerProblemResponses adds,
 * recognised by their description) replaced by a reference to one copy in `components.responses`.
 * A route's own Problem answers (their own description) stay where they are.
 */
export function shareProblemResponses<D extends Doc>(doc: D): D {
  const shared: Record<string, unknown> = {};
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      const responses = (op as { responses?: Record<string, unknown> } | null)?.responses;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        const description = (response as { description?: string } | null)?.description;
        if (description === undefined || DESCRIPTIONS[status] !== description) continue;
        const name = sharedResponseName(status);
        shared[name] ??= response;
        responses[status] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  return { ...doc, components: { ...doc.components, responses: { ...doc.components?.responses, ...shared } } };
}
