/**
 * A user's own exposure: how many items they revealed in the clear since a moment they choose
 * (the web app sends the start of the user's local day, so the counter means "today"). Only ever
 * the caller's own figure; a key that is not a person's (a partner key) has none.
 */
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { VigilDatabase } from '../storage/database.js';
import { type Exposure, ExposureRepository } from '../storage/exposure.repository.js';

/** The furthest back a counter may look: a month (the audit view covers longer periods). */
export const MAX_EXPOSURE_WINDOW_MS = 31 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

export class ExposureService {
  constructor(
    private readonly database: VigilDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /** The caller's reveals since `since` (default: the last 24 hours). */
  async mine(actor: Actor, since?: number): Promise<Exposure & { since: number }> {
    if (actor.userId === null) throw new AppError('forbidden', 'Only a person has an exposure count; sign in as one.');
    const now = this.now();
    const from = since ?? now - DAY_MS;
    if (from > now || now - from > MAX_EXPOSURE_WINDOW_MS) {
      throw new AppError('bad-usage', 'since must be a moment in the last 31 days (milliseconds since 1970).');
    }
    return { ...(await new ExposureRepository(this.database.db).since(actor.userId, from)), since: from };
  }
}
