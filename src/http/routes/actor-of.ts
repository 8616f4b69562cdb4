/** The signed-in caller of a record route (the access gate has already refused anyone else). */
import type { Actor } from '../../access/access-record.js';
import type { Principal } from '../../access/principal.js';
import { AppError } from '../../domain/app-error.js';

export function actorOf(principal: Principal | null): Actor {
  if (!principal)
    throw new AppError('unauthenticated', 'Sign in first (POST /api/v1/auth/login) or send a bearer token.');
  return principal.actor;
}

/** The paging echo of a list response. */
export function paged<T>(page: { items: T[]; total: number }, query: { limit: number; offset: number }) {
  return { items: page.items, total: page.total, limit: query.limit, offset: query.offset };
}
