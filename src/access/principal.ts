/**
 * Who is calling, as the HTTP edge learns it: the policy's Actor plus how they signed in, the
 * CSRF token a cookie session must echo, and what they must do first (a one-time password to
 * change, a TOTP enrolment their agency requires) before any other request is served.
 */
import type { Actor } from './access-record.js';

export type SignInMethod = 'session' | 'token' | 'partner';
export type PendingStep = 'password-change' | 'totp-enrolment';

export interface Principal {
  readonly actor: Actor;
  readonly via: SignInMethod;
  readonly username: string | null;
  /** Sessions only: unsafe requests must send it in `X-CSRF-Token`. */
  readonly csrfToken: string | null;
  readonly pending: PendingStep | null;
  /** API keys: the key's id and its own rate limit (requests per minute). */
  readonly keyId: number | null;
  readonly ratePerMinute: number | null;
}
