/**
 * What the authorisation matrix (../route-matrix.test.ts) needs from each route: how to make a
 * valid request on a record of the caller's own agency, and, for routes about one record, the
 * same request on another agency's unshared record. Every route in the route table must have a
 * case here (keyed `METHOD /url/:param`), so a new route without one fails the test.
 */
import type { Role } from '../../../src/domain/agency.record.js';
import type { ApiClient, ServerSuite } from '../../support/http-harness.js';

export interface MatrixRequest {
  method: string;
  url: string;
  /** JSON, or a Buffer (a multipart body, with its content type in `headers`). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixContext {
  readonly suite: ServerSuite;
  /** The caller's agency and another one, each with an analyst who can create records. */
  readonly ownAgency: number;
  readonly otherAgency: number;
  readonly ownAnalyst: ApiClient;
  readonly otherAnalyst: ApiClient;
  /** The role the caller under test holds (null: not signed in), and the caller itself. */
  readonly role: Role | null;
  readonly caller: ApiClient;
}

export interface MatrixCase {
  /**
   * A valid request about the caller's own agency's record (or about no record): a role the
   * policy allows must get a 2xx for it (or `ownStatus`), so the request must be one that succeeds.
   */
  own(ctx: MatrixContext): Promise<MatrixRequest>;
  /** The request on another agency's unshared record; absent for routes without one. */
  other?(ctx: MatrixContext): Promise<MatrixRequest>;
  /** What an allowed role gets for `other`: 404 (not visible, existence not revealed) or 403 (visible, not theirs). */
  otherStatus?: 403 | 404;
  /** A non-2xx an allowed role gets for `own`, only where no valid request can succeed; say why. */
  ownStatus?: { readonly status: number; readonly reason: string };
}

export type MatrixCases = Readonly<Record<string, MatrixCase>>;
