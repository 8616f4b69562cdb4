/**
 * A note in the thread of a series or a case, written by a user of an agency and visible to that
 * agency and to the agencies it names (DESIGN.md §2).
 */

/** What a thread is about: exactly one series or one case. */
export type NoteSubject = { kind: 'series'; id: number } | { kind: 'case'; id: number };

export interface Note {
  id: number;
  /** The author's agency, which owns the note. */
  agencyId: number;
  authorId: number;
  subject: NoteSubject;
  /** The note this one answers, in the same thread. */
  replyToId: number | null;
  body: string;
  createdAt: number;
  /** Other agencies that may read it (the owner always may), sorted. */
  visibleTo: number[];
}
