/**
 * Notes (issue #7): threads on a series or a case, each note visible to its author's agency and
 * to the agencies it names. A note on a series may be shown only to agencies that may see the
 * series (a note never reveals a series to anyone its agency did not share it with); `all` means
 * every agency that may see the series now. A case is its agency's alone, so notes on it may name
 * any agency (the case's agency decides). Every read is audited, a thread as much as one note.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { readAudited } from '../access/audited-read.js';
import { sharedRecordVisible } from '../access/policy.js';
import { AppError } from '../domain/app-error.js';
import type { RecordRef } from '../domain/link.record.js';
import type { Note, NoteSubject } from '../domain/note.record.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import { NoteRepository } from '../storage/note.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { SeriesRepository } from '../storage/series.repository.js';
import { auditChange, auditViews, notVisible, requireRole, visibleRecord } from './record-access.js';

export interface NewNoteInput {
  record: RecordRef;
  body: string;
  /** Other agencies that may read it, or every agency that may see the subject. */
  visibleTo: number[] | 'all';
  replyTo?: number;
}

/** The kinds of record a thread may be about. */
export const NOTE_SUBJECT_KINDS = ['series', 'case'] as const;

function subjectOf(record: RecordRef): NoteSubject {
  if (record.kind === 'series' || record.kind === 'case') return { kind: record.kind, id: record.id };
  throw new AppError('bad-usage', `Notes are kept in the thread of a series or a case, not of a ${record.kind}.`);
}

export class NoteService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly audit: AuditRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The notes of a thread the caller's agency may read, oldest first. An unknown or unseen subject
   * gives an empty thread, as does a subject without notes for this agency: nothing is revealed.
   */
  async thread(actor: Actor, record: RecordRef): Promise<Note[]> {
    requireRole(actor, 'read', 'note');
    const subject = subjectOf(record);
    return this.db.transaction().execute(async (trx) => {
      const notes = await new NoteRepository(trx, this.now).thread(subject, actor.agencyId);
      await auditViews(trx, this.audit, actor, 'note', notes);
      return notes;
    });
  }

  async get(actor: Actor, id: number): Promise<Note> {
    requireRole(actor, 'read', 'note');
    const note = await readAudited(this.db, this.audit, actor, 'note', async (trx) => {
      const found = await new NoteRepository(trx, this.now).find(id, actor.agencyId);
      return found ? { value: found, id, agencyId: found.agencyId } : null;
    });
    if (!note) throw notVisible('note', id);
    return note;
  }

  async create(actor: Actor, input: NewNoteInput): Promise<Note> {
    requireRole(actor, 'write', 'note');
    if (actor.userId === null) throw new AppError('forbidden', 'A note is written by a person, not a key.');
    const authorId = actor.userId;
    const subject = subjectOf(input.record);
    requireRole(actor, 'read', subject.kind);
    if (!(await visibleRecord(this.db, actor, input.record))) throw notVisible(subject.kind, subject.id);
    if (
      input.replyTo !== undefined &&
      !(await new NoteRepository(this.db, this.now).find(input.replyTo, actor.agencyId))
    ) {
      throw notVisible('note', input.replyTo);
    }
    const visibleTo = await this.audience(actor, subject, input.visibleTo);
    return this.db.transaction().execute(async (trx) => {
      const note = await new NoteRepository(trx, this.now).create({
        agencyId: actor.agencyId,
        authorId,
        subject,
        body: input.body,
        replyToId: input.replyTo ?? null,
        visibleTo,
      });
      await auditChange(
        trx,
        this.audit,
        actor,
        'create',
        { kind: 'note', id: note.id, agencyId: actor.agencyId },
        {
          subject: `${subject.kind}:${subject.id}`,
          visibleTo: note.visibleTo,
        },
      );
      return note;
    });
  }

  /** The agencies a note will be shown to, checked against who may see its subject. */
  private async audience(actor: Actor, subject: NoteSubject, wanted: number[] | 'all'): Promise<number[]> {
    const agencies = new AgencyRepository(this.db);
    if (subject.kind === 'case') {
      if (wanted === 'all') return [];
      for (const id of new Set(wanted)) {
        if (!(await agencies.findById(id)))
          throw new AppError('bad-usage', `There is no agency ${id} to show the note to.`);
      }
      return wanted;
    }
    const series = new SeriesRepository(this.db, this.now);
    const found = await series.findVisible(subject.id, actor.agencyId);
    if (!found) throw notVisible('series', subject.id);
    const scope = {
      ownerAgencyId: found.agencyId,
      sharing: found.sharing,
      sharedWith: await series.listShares(found.id),
    };
    if (wanted === 'all') {
      if (found.sharing === 'all') return (await agencies.list()).map((a) => a.id);
      return [scope.ownerAgencyId, ...scope.sharedWith];
    }
    for (const id of new Set(wanted)) {
      if (!sharedRecordVisible(scope, id)) {
        throw new AppError(
          'bad-usage',
          `Agency ${id} may not see series ${subject.id}; a note can be shown only to agencies the series is shared with.`,
        );
      }
    }
    return wanted;
  }
}
