/**
 * One error format for the whole API (STYLE.md §6): `{ code, message, details? }` with the
 * AppError's status. Validation failures say which field and why; anything unexpected is answered
 * as `internal` with the request id, never with a stack trace, and logged under that id with the
 * error's class and codes only (errorLogFields): messages and stacks carry file paths.
 *
 * A server-side failure (status ≥ 500) never answers with its own message either: those name blob
 * addresses, key files, database hosts, worker or tool output. The client gets a fixed sentence
 * per code saying what failed and what to do, and `details.requestId` to quote to the operator.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { errorLogFields } from '../domain/error-log-fields.js';

export const Problem = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code, e.g. `forbidden`, `bad-usage`.' }),
    message: Type.String({ description: 'What went wrong and how to fix it, for people.' }),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'Problem', title: 'Problem' },
);

function fromFastifyError(error: FastifyError): AppError | null {
  if (error.validation) {
    const issues = error.validation.map((v) => ({
      field: `${error.validationContext ?? 'body'}${v.instancePath || ''}`,
      problem: v.message ?? 'is invalid',
      // The validation keyword and its parameters (limits, names): stable codes the web app says in its language.
      keyword: v.keyword,
      params: v.params ?? {},
      ...(v.params && 'additionalProperty' in v.params ? { property: v.params.additionalProperty } : {}),
    }));
    const first = issues[0];
    const message = first ? `Invalid request: ${first.field} ${first.problem}.` : 'Invalid request.';
    return new AppError('bad-usage', message, { details: { issues } });
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('payload-too-large', 'The request body is larger than this route accepts.');
  }
  if (status === 415) return new AppError('unsupported-format', 'Unsupported content type for this route.');
  if (status === 429) return new AppError('rate-limited', error.message || 'Too many requests; slow down.');
  if (status >= 400 && status < 500) return new AppError('bad-usage', error.message);
  return null;
}

const OPERATOR = "tell the hub's operator and quote request";
/** What a server-side failure tells the client, per code; any other code reads as `internal`. */
const SERVER_FAULT: Partial<Record<AppErrorCode, (requestId: string) => string>> = {
  'missing-dependency': (id) =>
    `A service the hub depends on is not available right now. Try again in a few minutes; if it keeps happening, ${OPERATOR} ${id}.`,
  'corrupt-blob': (id) => `A stored file is damaged, so it was not returned. Please ${OPERATOR} ${id}.`,
  'corrupt-snapshot': (id) => `The hub could not read its search index. Please ${OPERATOR} ${id}.`,
  'migration-failed': (id) => `The hub is not set up correctly. Please ${OPERATOR} ${id}.`,
  'unsafe-key-file': (id) => `The hub is not set up correctly. Please ${OPERATOR} ${id}.`,
};

/**
 * The answer to a failure with status ≥ 500: a fixed sentence (never the error's own message),
 * the request id, and the error's details (facts such as a retry delay; never secrets).
 */
export function serverFault(error: AppError, requestId: string): AppError {
  const details = { ...error.details, requestId };
  const text = SERVER_FAULT[error.code];
  if (text) return new AppError(error.code, text(requestId), { details });
  const message = `Something went wrong on the server. Try again; if it keeps happening, ${OPERATOR} ${requestId}.`;
  return new AppError('internal', message, { details });
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body: { code: string; message: string; details?: Readonly<Record<string, unknown>> } = {
    code: error.code,
    message: error.message,
  };
  if (error.details) body.details = error.details;
  const retry = error.details?.retryAfterSeconds;
  if (typeof retry === 'number') reply.header('retry-after', String(retry));
  return reply.code(error.status).type('application/json; charset=utf-8').send(body);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.addSchema(Problem);
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = error instanceof AppError ? error : fromFastifyError(error);
    // The route pattern (`/api/v1/media/:id`), not the URL: query strings can hold names.
    const where = { route: request.routeOptions.url ?? null, method: request.method };
    if (known && known.status < 500) return sendProblem(reply, known);
    request.log.error({ ...where, ...errorLogFields(error) }, known ? 'request failed' : 'unexpected error');
    return sendProblem(reply, serverFault(known ?? new AppError('internal', 'unexpected'), request.id));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new AppError('not-found', `No route ${request.method} ${request.url.split('?')[0]}.`)),
  );
}
