/** The actor behind a request that passed the access gate. */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../access/access-record.js';
import { AppError } from '../../domain/app-error.js';

export function callerOf(request: FastifyRequest): Actor {
  if (!request.principal) throw new AppError('unauthenticated', 'Sign in first or send a bearer token.');
  return request.principal.actor;
}
