/**
 * The Fastify application (issue #7): security headers, cookies, the access gate, rate limits,
 * one problem format, the OpenAPI description with a local docs UI at /docs, and the route
 * modules of routes/index.ts. `serve` listens with it; tests use `app.inject` without a socket.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import helmet from 'helmet';
import type { VigilApp } from '../app.js';
import { registerAccessGate } from './access-gate.js';
import { registerProblemHandlers } from './problem.js';
import { registerProblemResponses, shareProblemResponses } from './problem-responses.js';
import { rateLimitFor } from './rate-limit.js';
import type { RouteEntry } from './route-access.js';
import { ROUTE_MODULES } from './routes/index.js';
import { webRoutes } from './routes/web.routes.js';

/** The Fastify instance route modules receive: TypeBox schemas give typed params, bodies and replies. */
export type VigilFastify = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A route module: registers its routes (each with `config.access`) on its own encapsulated scope. */
export type RouteModule = (app: VigilFastify, vigil: VigilApp) => void | Promise<void>;

export interface HttpOptions {
  /** Pino logger options, or false (tests); `stream` receives the JSON lines (default: stdout). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Requests per minute for callers without their own limit (per user session, or per address). */
  ratePerMinute?: number;
  /** Cookies only over HTTPS (behind a TLS proxy). */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy?: boolean;
  /** Largest JSON body, bytes (bulk lookups of 10k hashes fit in the default 8 MiB). */
  bodyLimit?: number;
}

export interface HttpApp {
  readonly server: FastifyInstance;
  /** Every route with its access rule, as registered. */
  readonly routes: readonly RouteEntry[];
}

export async function buildHttpApp(vigil: VigilApp, options: HttpOptions = {}): Promise<HttpApp> {
  const server = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 8 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    // Per-request lines would log every URL; errors are logged by the problem handler, with ids only.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  const routes: RouteEntry[] = [];

  registerProblemHandlers(server);
  registerProblemResponses(server);
  // Security headers, helmet's middleware built once (the Fastify plugin built it again, CSP
  // directives parsed, for every request: ~5% of a hash lookup's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameAncestors: ["'none'"],
        // Hubs on a LAN without TLS must still load their own assets.
        upgradeInsecureRequests: null,
      },
    },
  });
  server.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined)),
  );
  await server.register(cookie);
  registerAccessGate(server, vigil.principals, routes);
  await server.register(rateLimit, {
    hook: 'preHandler',
    max: (request) => rateLimitFor(request.principal, options.ratePerMinute),
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const p = request.principal;
      if (p?.keyId != null) return `key:${p.keyId}`;
      if (p?.actor.userId != null) return `user:${p.actor.userId}`;
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many requests: at most ${context.max} a minute; retry in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  await server.register(swagger, {
    // Shared schemas (Problem) under their own names in components, not `def-0`.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    // The common error answers once, in components.responses, not once per route.
    transformObject: (document) =>
      'openapiObject' in document
        ? shareProblemResponses(document.openapiObject as Parameters<typeof shareProblemResponses>[0])
        : document.swaggerObject,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version: '1',
        description:
          'Multi-agency victim-identification hub. Sign in with POST /api/v1/auth/login (cookie session; ' +
          'send the returned csrfToken as X-CSRF-Token on changes) or send `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vigil_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await server.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // No calls out (the hub may be offline) and no forced https on a LAN.
    transformStaticCSP: (header) =>
      header.replace(' validator.swagger.io', '').replace(/\s*upgrade-insecure-requests;?/, ''),
    uiConfig: { deepLinking: false, validatorUrl: null },
  });
  // The web app last: its catch-all page route must not shadow an API route.
  for (const register of [...ROUTE_MODULES, webRoutes]) {
    await server.register(async (scope) => register(scope.withTypeProvider<TypeBoxTypeProvider>(), vigil));
  }
  await server.ready();
  return { server, routes };
}
