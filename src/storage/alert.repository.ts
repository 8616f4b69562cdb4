/**
 * Alerts to an agency. I/O only; every read and change takes the alerted agency and applies it
 * inside the query, so no agency can list or mark another's alerts.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Alert, AlertReason } from '../domain/alert.record.js';
import { AppError } from '../domain/app-error.js';
import type { RecordRef } from '../domain/link.record.js';
import type { AlertTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface NewAlert {
  /** The agency to alert. */
  agencyId: number;
  about: RecordRef;
  reason: AlertReason;
  matchId?: number | null;
  /** The agency whose action raised it, when another agency's. */
  fromAgencyId?: number | null;
  /** For `victim_identified`: which victim (an id only). */
  victimId?: number | null;
}

function toAlert(row: Selectable<AlertTable>): Alert {
  return {
    id: row.id,
    agencyId: row.agency_id,
    about: { kind: row.about_kind as RecordRef['kind'], id: row.about_id },
    matchId: row.match_id,
    reason: row.reason as AlertReason,
    fromAgencyId: row.from_agency_id,
    victimId: row.victim_id,
    createdAt: row.created_at,
    readAt: row.read_at,
    readBy: row.read_by,
  };
}

export class AlertRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `not-found` without the agency or the match. */
  create(input: NewAlert): Promise<Alert> {
    return withAppErrors('Adding an alert', async () => {
      const row = await this.db
        .insertInto('alerts')
        .values({
          agency_id: input.agencyId,
          about_kind: input.about.kind,
          about_id: input.about.id,
          match_id: input.matchId ?? null,
          reason: input.reason,
          from_agency_id: input.fromAgencyId ?? null,
          victim_id: input.victimId ?? null,
          created_at: this.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAlert(row);
    });
  }

  /** The agency's alerts, newest first; `unreadOnly` for the inbox. */
  async list(agencyId: number, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<Alert[]> {
    let query = this.db.selectFrom('alerts').selectAll().where('agency_id', '=', agencyId);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toAlert);
  }

  /** One page of the agency's alerts: unread first, then newest first. */
  async page(agencyId: number, options: { unreadOnly?: boolean; limit: number; offset: number }): Promise<Alert[]> {
    let query = this.db.selectFrom('alerts').selectAll().where('agency_id', '=', agencyId);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    const rows = await query
      .orderBy(sql`case when read_at is null then 0 else 1 end`)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map(toAlert);
  }

  async count(agencyId: number): Promise<number> {
    const row = await this.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('agency_id', '=', agencyId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Whether the agency was already alerted for this reason about this record (and match or victim, if given). */
  async exists(alert: NewAlert): Promise<boolean> {
    let query = this.db
      .selectFrom('alerts')
      .select('id')
      .where('agency_id', '=', alert.agencyId)
      .where('reason', '=', alert.reason)
      .where('about_kind', '=', alert.about.kind)
      .where('about_id', '=', alert.about.id);
    if (alert.matchId != null) query = query.where('match_id', '=', alert.matchId);
    if (alert.victimId != null) query = query.where('victim_id', '=', alert.victimId);
    return (await query.limit(1).executeTakeFirst()) !== undefined;
  }

  /** Marks read the agency's unread alerts raised by a match; returns how many. */
  async markReadForMatch(agencyId: number, matchId: number, userId: number, at: number = this.now()): Promise<number> {
    const result = await this.db
      .updateTable('alerts')
      .set({ read_at: at, read_by: userId })
      .where('agency_id', '=', agencyId)
      .where('match_id', '=', matchId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async countUnread(agencyId: number): Promise<number> {
    const row = await this.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('agency_id', '=', agencyId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one of the agency's alerts read; an alert already read keeps its first reader. */
  markRead(id: number, agencyId: number, userId: number, at: number = this.now()): Promise<Alert> {
    return withAppErrors('Marking an alert read', async () => {
      const row = await this.db
        .updateTable('alerts')
        .set({ read_at: at, read_by: userId })
        .where('id', '=', id)
        .where('agency_id', '=', agencyId)
        .where('read_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (row) return toAlert(row);
      const existing = await this.db
        .selectFrom('alerts')
        .selectAll()
        .where('id', '=', id)
        .where('agency_id', '=', agencyId)
        .executeTakeFirst();
      if (!existing) throw new AppError('not-found', `Marking alert ${id} read: this agency has no such alert.`);
      return toAlert(existing);
    });
  }
}
