/**
 * How much material a user has looked at in the clear, from the audit log: every reveal of a
 * thumbnail or still and every download of an original is a `view-content` event of that user.
 * Read-only; the events themselves are written where the views happen (media-view.service.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { VigilSchema } from './schema.js';

export interface Exposure {
  /** Distinct media revealed since `since`. */
  items: number;
  /** Reveals in all (the same item twice counts twice). */
  reveals: number;
}

export class ExposureRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  async since(userId: number, since: number): Promise<Exposure> {
    // The chain's sequence grows with time: start at the first event of the period (at index),
    // then walk only this user's events (actor index).
    const row = await this.db
      .selectFrom('audit_events')
      .select([sql<number>`count(distinct record_id)`.as('items'), (eb) => eb.fn.countAll<number>().as('reveals')])
      .where('actor_user_id', '=', userId)
      .where('action', '=', 'view-content')
      .where('record_kind', '=', 'media')
      .where('at', '>=', since)
      .where('seq', '>=', (eb) =>
        eb.fn.coalesce(
          eb
            .selectFrom('audit_events')
            .select((e) => e.fn.min<number>('seq').as('first'))
            .where('at', '>=', since),
          sql<number>`0`,
        ),
      )
      .executeTakeFirst();
    return { items: Number(row?.items ?? 0), reveals: Number(row?.reveals ?? 0) };
  }
}
