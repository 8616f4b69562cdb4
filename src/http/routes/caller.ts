/** The actor behind a request that passed the access gate (routes with a `{kind, action}` or `signedIn` rule). */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../access/access-record.js';
import { AppError } from '../../domain/app-error.js';

export function callerOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (!principal)
    throw new AppError('unauthenticated', 'Sign in first (POST /api/v1/auth/login) or send a bearer token.');
  return principal.actor;
}
