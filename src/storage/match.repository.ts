/**
 * Matches found by the system and the verdicts people give them. I/O only; every read and change
 * takes the agency that owns the match and applies it inside the query. A verdict change names
 * the verdict it expects to replace, so two reviewers deciding at once cannot overwrite each
 * other silently: the second gets a `conflict`.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import {
  isVerdictChange,
  type Match,
  type MatchKind,
  type MatchTarget,
  type Verdict,
  type VideoMatchDetails,
} from '../domain/match.record.js';
import { chunk, rowsPerInsert } from './chunks.js';
import type { DialectName } from './dialect-name.js';
import type { MatchTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { seriesMemberRows } from './series-member.repository.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';

export interface NewMatch {
  agencyId: number;
  mediaId: number;
  target: MatchTarget;
  kind: MatchKind;
  distance?: number | null;
  overlap?: number | null;
  details?: VideoMatchDetails | null;
}

export interface VerdictChange {
  /** The verdict the reviewer saw. */
  from: Verdict;
  to: Verdict;
  /** The reviewer. */
  userId: number;
  at?: number;
  /** Why (kept with the verdict; cleared when it is withdrawn). */
  reason?: string | null;
}

const MATCH_COLUMNS = 10;

function toMatch(row: Selectable<MatchTable>): Match {
  return {
    id: row.id,
    agencyId: row.agency_id,
    mediaId: row.media_id,
    otherMediaId: row.other_media_id,
    hashSetEntryId: row.hash_set_entry_id,
    kind: row.kind as MatchKind,
    distance: row.distance,
    overlap: row.overlap,
    details: row.details === null ? null : (JSON.parse(row.details) as VideoMatchDetails),
    verdict: row.verdict as Verdict,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    verdictReason: row.verdict_reason,
    createdAt: row.created_at,
  };
}

function matchRow(m: NewMatch, createdAt: number) {
  return {
    agency_id: m.agencyId,
    media_id: m.mediaId,
    other_media_id: m.target.otherMediaId ?? null,
    hash_set_entry_id: m.target.hashSetEntryId ?? null,
    kind: m.kind,
    distance: m.distance ?? null,
    overlap: m.overlap ?? null,
    details: m.details ? JSON.stringify(m.details) : null,
    verdict: 'pending',
    created_at: createdAt,
  };
}

/** Matches in unique-key order, so concurrent writers take index locks in one order (no deadlock). */
function inKeyOrder(items: readonly NewMatch[]): NewMatch[] {
  const key = (m: NewMatch) => [m.agencyId, m.mediaId, m.target.otherMediaId ?? -1, m.target.hashSetEntryId ?? -1];
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
  });
}

/** What an agency rejected a media against: other media (either direction) and hash-set entries. */
export interface RejectedPartners {
  media: Set<number>;
  entries: Set<number>;
}

/** The partners of `mediaId` in the agency's rejected matches, of any kind and in either direction. */
export async function rejectedPartners(
  db: Kysely<VigilSchema>,
  agencyId: number,
  mediaId: number,
): Promise<RejectedPartners> {
  const rows = await db
    .selectFrom('matches')
    .select(['media_id', 'other_media_id', 'hash_set_entry_id'])
    .where('agency_id', '=', agencyId)
    .where('verdict', '=', 'rejected')
    .where((eb) => eb.or([eb('media_id', '=', mediaId), eb('other_media_id', '=', mediaId)]))
    .execute();
  const out: RejectedPartners = { media: new Set(), entries: new Set() };
  for (const r of rows) {
    if (r.hash_set_entry_id !== null) out.entries.add(r.hash_set_entry_id);
    else out.media.add(r.media_id === mediaId ? (r.other_media_id ?? 0) : r.media_id);
  }
  return out;
}

export class MatchRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
    private readonly now: () => number = Date.now,
  ) {}

  /** A pending match; `conflict` when the agency has it already, `not-found` when a media or entry is missing. */
  create(input: NewMatch): Promise<Match> {
    return withAppErrors('Adding a match', async () => {
      const row = await this.db
        .insertInto('matches')
        .values(matchRow(input, this.now()))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMatch(row);
    });
  }

  /** Many pending matches in one transaction; those the agency has already are skipped. Returns how many were new. */
  createMany(items: readonly NewMatch[]): Promise<number> {
    if (items.length === 0) return Promise.resolve(0);
    return withAppErrors('Adding matches', () =>
      inTransaction(this.db, async (trx) => {
        const at = this.now();
        let inserted = 0;
        for (const part of chunk(inKeyOrder(items), rowsPerInsert(this.dialect, MATCH_COLUMNS))) {
          const [result] = await trx
            .insertInto('matches')
            .values(part.map((m) => matchRow(m, at)))
            .onConflict((oc) => oc.doNothing())
            .execute();
          inserted += Number(result?.numInsertedOrUpdatedRows ?? 0);
        }
        return inserted;
      }),
    );
  }

  async find(id: number, agencyId: number): Promise<Match | null> {
    const row = await this.db
      .selectFrom('matches')
      .selectAll()
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return row ? toMatch(row) : null;
  }

  /** The agency's matches, optionally with one verdict (the review queue is `pending`), oldest first. */
  async listForAgency(agencyId: number, verdict?: Verdict): Promise<Match[]> {
    let query = this.db.selectFrom('matches').selectAll().where('agency_id', '=', agencyId);
    if (verdict !== undefined) query = query.where('verdict', '=', verdict);
    return (await query.orderBy('id').execute()).map(toMatch);
  }

  /**
   * One page of the agency's matches, optionally with one verdict and with a member of one series
   * on either side, oldest first, and how many in all.
   */
  async page(
    agencyId: number,
    filter: { verdict?: Verdict; seriesId?: number; limit: number; offset: number },
  ): Promise<{ items: Match[]; total: number }> {
    let query = this.db.selectFrom('matches').where('agency_id', '=', agencyId);
    if (filter.verdict !== undefined) query = query.where('verdict', '=', filter.verdict);
    const seriesId = filter.seriesId;
    if (seriesId !== undefined) {
      const members = seriesMemberRows(this.db, seriesId).select('from_id');
      query = query.where((eb) => eb.or([eb('media_id', 'in', members), eb('other_media_id', 'in', members)]));
    }
    const rows = await query.selectAll().orderBy('id').limit(filter.limit).offset(filter.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toMatch), total: Number(count.n) };
  }

  /** The agency's matches that involve a media on either side. */
  async listForMedia(mediaId: number, agencyId: number): Promise<Match[]> {
    const rows = await this.db
      .selectFrom('matches')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where((eb) => eb.or([eb('media_id', '=', mediaId), eb('other_media_id', '=', mediaId)]))
      .orderBy('id')
      .execute();
    return rows.map(toMatch);
  }

  /**
   * Gives, revises or withdraws (to `pending`) a verdict. `bad-usage` when `from` equals `to`;
   * `not-found` when the agency has no such match (or the user does not exist); `conflict` when
   * the match no longer has the verdict `from`.
   */
  setVerdict(id: number, agencyId: number, change: VerdictChange): Promise<Match> {
    if (!isVerdictChange(change.from, change.to)) {
      return Promise.reject(new AppError('bad-usage', `Match ${id} already has the verdict "${change.to}".`));
    }
    const decided = change.to === 'pending' ? null : { by: change.userId, at: change.at ?? this.now() };
    return withAppErrors('Setting a verdict', async () => {
      const row = await this.db
        .updateTable('matches')
        .set({
          verdict: change.to,
          decided_by: decided?.by ?? null,
          decided_at: decided?.at ?? null,
          verdict_reason: decided ? (change.reason ?? null) : null,
        })
        .where('id', '=', id)
        .where('agency_id', '=', agencyId)
        .where('verdict', '=', change.from)
        .returningAll()
        .executeTakeFirst();
      if (row) return toMatch(row);
      const current = await this.find(id, agencyId);
      if (!current) throw new AppError('not-found', `Setting a verdict: agency ${agencyId} has no match ${id}.`);
      throw new AppError(
        'conflict',
        `Setting a verdict: match ${id} is "${current.verdict}" now, not "${change.from}"; reload and decide again.`,
      );
    });
  }
}
