/**
 * The one way the web app talks to the hub: openapi-fetch over the generated `paths`, so every
 * call is typed by the server's own schemas. Adds the session's CSRF token to changes, and turns
 * problem responses into ApiError (code + message, the message in the app's language where the
 * catalogue knows the code: i18n/problem-text.ts; the hub's text otherwise).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { localText } from '../i18n/current.js';
import { problemText } from '../i18n/problem-text.js';
import type { paths } from './schema.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** The hub's `Retry-After`, in seconds, when it sent one (a busy upload session, a lockout). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** A `Retry-After` header (seconds, or an HTTP date) in seconds from now; undefined when absent or unreadable. */
export function retryAfterOf(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1_000));
}

let csrfToken = '';
const listeners = new Set<() => void>();

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** The header unsafe requests made outside the client (uploads with progress) must carry. */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/** Called when the server says the session is gone (401 on a signed-in call). */
export function onSignedOut(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The hub said this signed-in session is gone: every listener (the session provider) hears it.
 * Requests made outside the client (uploads by XMLHttpRequest, for their progress) call it too.
 */
export function signedOut(): void {
  for (const l of listeners) l();
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && csrfToken) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/auth/login')) signedOut();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

export interface Problem {
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

/**
 * The ApiError of a refused answer: its problem's message in the app's language (problemText),
 * or a sentence with the status when the answer carried no problem. `fallbackCode` names the
 * answer when it carried no code either.
 */
export function apiErrorOf(
  status: number,
  problem: Problem,
  retryAfterHeader: string | null,
  fallbackCode = 'internal',
): ApiError {
  const code = problem.code ?? fallbackCode;
  const retryAfter = retryAfterOf(retryAfterHeader);
  const message =
    problem.message === undefined
      ? localText('error.status', { status })
      : problemText(
          { code, message: problem.message, details: problem.details, retryAfterSeconds: retryAfter },
          localText,
        );
  return new ApiError(status, code, message, problem.details, retryAfter);
}

/** The data of a call, or an ApiError with the problem's message (apiErrorOf). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw apiErrorOf(response.status, (error ?? {}) as Problem, response.headers.get('Retry-After'));
  }
  return data;
}
