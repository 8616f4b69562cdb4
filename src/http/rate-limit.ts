/**
 * Requests a minute for callers with no limit of their own. A person reviewing media asks for a
 * picture per cell (a screen of the review grid is some 60 cells, each one a request), so
 * signed-in people get ten times what an unknown address gets; partner keys carry their own rate.
 */
import type { Principal } from '../access/principal.js';

export const PERSON_RATE_PER_MINUTE = 6_000;
export const ANONYMOUS_RATE_PER_MINUTE = 600;

/** A caller's requests a minute: its own (partner keys), else the configured one, else the defaults above. */
export function rateLimitFor(principal: Principal | null | undefined, configured?: number): number {
  return principal?.ratePerMinute ?? configured ?? (principal ? PERSON_RATE_PER_MINUTE : ANONYMOUS_RATE_PER_MINUTE);
}
