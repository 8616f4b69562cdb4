/**
 * Notes in the thread of a series or a case, and the agencies each may be read by. Reads take the
 * asking agency and apply noteVisibleTo inside the query (the author's agency and the agencies
 * listed for the note); which agencies a note was shown to is itself told only to its owner.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { Note, NoteSubject } from '../domain/note.record.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { NoteTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';
import { noteVisibleTo } from './visibility.js';

export interface NewNote {
  agencyId: number;
  authorId: number;
  subject: NoteSubject;
  body: string;
  /** A note of the same thread this one answers. */
  replyToId?: number | null;
  /** Other agencies that may read it (the owner always may). */
  visibleTo?: readonly number[];
}

function subjectOf(row: Selectable<NoteTable>): NoteSubject {
  return row.series_id !== null ? { kind: 'series', id: row.series_id } : { kind: 'case', id: row.case_id ?? 0 };
}

function toNote(row: Selectable<NoteTable>, visibleTo: number[]): Note {
  return {
    id: row.id,
    agencyId: row.agency_id,
    authorId: row.author_id,
    subject: subjectOf(row),
    replyToId: row.reply_to_id,
    body: row.body,
    createdAt: row.created_at,
    visibleTo,
  };
}

async function insertVisibility(
  trx: Kysely<VigilSchema>,
  noteId: number,
  ownerAgencyId: number,
  agencyIds: readonly number[],
): Promise<number[]> {
  const others = [...new Set(agencyIds)].filter((a) => a !== ownerAgencyId).sort((a, b) => a - b);
  if (others.length > 0) {
    await trx
      .insertInto('note_visibility')
      .values(others.map((agency_id) => ({ note_id: noteId, agency_id })))
      .execute();
  }
  return others;
}

export class NoteRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `not-found` without the subject, author, agency, a listed agency or the note replied to;
   * `bad-usage` when the note replied to is in another thread.
   */
  create(input: NewNote): Promise<Note> {
    return withAppErrors('Adding a note', () =>
      inTransaction(this.db, async (trx) => {
        if (input.replyToId != null) await assertSameThread(trx, input.replyToId, input.subject);
        const row = await trx
          .insertInto('notes')
          .values({
            agency_id: input.agencyId,
            author_id: input.authorId,
            series_id: input.subject.kind === 'series' ? input.subject.id : null,
            case_id: input.subject.kind === 'case' ? input.subject.id : null,
            reply_to_id: input.replyToId ?? null,
            body: input.body,
            created_at: this.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const visibleTo = await insertVisibility(trx, row.id, row.agency_id, input.visibleTo ?? []);
        return toNote(row, visibleTo);
      }),
    );
  }

  /** The note if this agency may read it. */
  async find(id: number, agencyId: number): Promise<Note | null> {
    const row = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('notes.id', '=', id)
      .where(noteVisibleTo(agencyId))
      .executeTakeFirst();
    return row ? (await this.withVisibility([row], agencyId))[0] : null;
  }

  /** The notes of a series' or case's thread this agency may read, oldest first. */
  async thread(subject: NoteSubject, agencyId: number): Promise<Note[]> {
    const column = subject.kind === 'series' ? 'notes.series_id' : 'notes.case_id';
    const rows = await this.db
      .selectFrom('notes')
      .selectAll()
      .where(column, '=', subject.id)
      .where(noteVisibleTo(agencyId))
      .orderBy('notes.created_at')
      .orderBy('notes.id')
      .execute();
    return this.withVisibility(rows, agencyId);
  }

  /** Replaces the agencies a note is shown to; `not-found` unless its owner asks. */
  setVisibility(id: number, ownerAgencyId: number, agencyIds: readonly number[]): Promise<Note> {
    return withAppErrors('Sharing a note', () =>
      inTransaction(this.db, async (trx) => {
        const row = await trx
          .selectFrom('notes')
          .selectAll()
          .where('id', '=', id)
          .where('agency_id', '=', ownerAgencyId)
          .executeTakeFirst();
        if (!row) throw new AppError('not-found', `Sharing note ${id}: there is no such note of this agency.`);
        await trx.deleteFrom('note_visibility').where('note_id', '=', id).execute();
        return toNote(row, await insertVisibility(trx, id, ownerAgencyId, agencyIds));
      }),
    );
  }

  /** Fills `visibleTo` for the notes the asking agency owns; others get an empty list. */
  private async withVisibility(rows: Selectable<NoteTable>[], agencyId: number): Promise<Note[]> {
    const owned = new Map<number, number[]>(rows.filter((r) => r.agency_id === agencyId).map((r) => [r.id, []]));
    for (const ids of chunk([...owned.keys()], IN_LIST_CHUNK)) {
      const found = await this.db
        .selectFrom('note_visibility')
        .select(['note_id', 'agency_id'])
        .where('note_id', 'in', ids)
        .orderBy('agency_id')
        .execute();
      for (const v of found) owned.get(v.note_id)?.push(v.agency_id);
    }
    return rows.map((r) => toNote(r, owned.get(r.id) ?? []));
  }
}

async function assertSameThread(db: Kysely<VigilSchema>, replyToId: number, subject: NoteSubject): Promise<void> {
  const parent = await db
    .selectFrom('notes')
    .select(['series_id', 'case_id'])
    .where('id', '=', replyToId)
    .executeTakeFirst();
  if (!parent) throw new AppError('not-found', `Adding a note: there is no note ${replyToId} to reply to.`);
  const same = subject.kind === 'series' ? parent.series_id === subject.id : parent.case_id === subject.id;
  if (!same) throw new AppError('bad-usage', `Adding a note: note ${replyToId} is in another thread.`);
}
