/**
 * The records linked to a place, from the place's links (either direction): the other end of
 * each, and the app page it opens where there is one. Pure: no I/O.
 */

export interface LinkLike {
  id: number;
  from: { kind: string; id: number };
  to: { kind: string; id: number };
  relation: string;
}

export interface LinkedRecord {
  linkId: number;
  kind: string;
  id: number;
  relation: string;
  href: string | null;
}

const PAGES: Record<string, string> = { series: '/series/', case: '/cases/', media: '/media/', place: '/places/' };

export function linkedRecords(links: readonly LinkLike[], placeId: number): LinkedRecord[] {
  return links.map((l) => {
    const other = l.from.kind === 'place' && l.from.id === placeId ? l.to : l.from;
    const page = PAGES[other.kind];
    return {
      linkId: l.id,
      kind: other.kind,
      id: other.id,
      relation: l.relation,
      href: page ? `${page}${other.id}` : null,
    };
  });
}
