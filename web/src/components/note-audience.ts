/**
 * Who a note is for, in words: the agencies a writer may offer (those that may see the subject,
 * less the writer's own, which always reads its notes) and, for a note already written, its
 * author agency and the other agencies named to read it. Pure: no I/O.
 */

export interface AgencyName {
  id: number;
  name: string;
  countryCode: string;
}

/**
 * The agencies to offer as readers: `mayRead` lists the agencies that may see the subject
 * ('all': every agency, e.g. a series shared with all or a case, whose agency decides).
 */
export function offeredReaders<A extends AgencyName>(
  agencies: readonly A[],
  mayRead: readonly number[] | 'all',
  ownAgencyId: number,
): A[] {
  return agencies.filter((a) => a.id !== ownAgencyId && (mayRead === 'all' || mayRead.includes(a.id)));
}

export interface NoteAudience {
  /** The author's agency, by name (its id when the directory does not list it). */
  author: string;
  /** Other agencies named to read it, by name; told only to the author's agency. */
  readers: string[];
}

export function audienceOf(
  note: { agencyId: number; visibleTo: readonly number[] },
  agencies: readonly AgencyName[],
): NoteAudience {
  const name = (id: number) => agencies.find((a) => a.id === id)?.name ?? `#${id}`;
  const readers = [...new Set(note.visibleTo)].filter((id) => id !== note.agencyId).map(name);
  return { author: name(note.agencyId), readers };
}
