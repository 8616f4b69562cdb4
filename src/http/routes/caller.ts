/** The actor behind a request that passed the access gate (routes with a `{kind, action}` or `signedIn` rule). */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../access/access-record.js';
import { actorOf } from './actor-of.js';

export function callerOf(request: FastifyRequest): Actor {
  return actorOf(request.principal);
}
