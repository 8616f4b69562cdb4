/**
 * Which records may be linked, and how (issue #7). A link joins two records with a relation; the
 * pairs below are the ones a victim-identification unit records, each with the relations it may
 * carry (the first is the default). A pair may be given in either order: it is stored in the
 * order written here, so "the series of a victim" is always found the same way.
 */
import { AppError } from '../domain/app-error.js';
import type { RecordKind, RecordRef } from '../domain/link.record.js';

export interface LinkRule {
  from: RecordKind;
  to: RecordKind;
  /** Allowed relations; the first is used when none is given. */
  relations: readonly string[];
}

/** `member` is what makes a media part of a series (and visible with it): series owners only. */
export const MEMBER_RELATION = 'member';

export const LINK_RULES: readonly LinkRule[] = [
  { from: 'media', to: 'series', relations: [MEMBER_RELATION, 'related'] },
  { from: 'series', to: 'victim', relations: ['depicts'] },
  { from: 'series', to: 'offender', relations: ['involves'] },
  { from: 'series', to: 'place', relations: ['located_at'] },
  { from: 'series', to: 'series', relations: ['related', 'continues'] },
  { from: 'case', to: 'series', relations: ['investigates'] },
  { from: 'media', to: 'place', relations: ['located_at'] },
  { from: 'clue', to: 'place', relations: ['located_at'] },
  { from: 'clue', to: 'series', relations: ['supports'] },
  { from: 'media', to: 'victim', relations: ['depicts'] },
  { from: 'media', to: 'offender', relations: ['depicts'] },
  { from: 'victim', to: 'place', relations: ['located_at'] },
  { from: 'offender', to: 'place', relations: ['located_at'] },
];

export interface PlannedLink {
  from: RecordRef;
  to: RecordRef;
  relation: string;
}

/** Orders the two ends as the rule does and picks the relation; `bad-usage` naming what is allowed. */
export function planLink(a: RecordRef, b: RecordRef, relation?: string): PlannedLink {
  if (a.kind === b.kind && a.id === b.id) throw new AppError('bad-usage', 'A record cannot be linked to itself.');
  const forward = LINK_RULES.find((r) => r.from === a.kind && r.to === b.kind);
  const rule = forward ?? LINK_RULES.find((r) => r.from === b.kind && r.to === a.kind);
  if (!rule) {
    const pairs = LINK_RULES.map((r) => `${r.from}-${r.to}`).join(', ');
    throw new AppError('bad-usage', `A ${a.kind} cannot be linked to a ${b.kind}; the pairs are: ${pairs}.`);
  }
  const chosen = relation ?? rule.relations[0] ?? 'related';
  if (!rule.relations.includes(chosen)) {
    throw new AppError(
      'bad-usage',
      `A ${rule.from}-${rule.to} link is one of: ${rule.relations.join(', ')}; "${chosen}" is not among them.`,
    );
  }
  return forward ? { from: a, to: b, relation: chosen } : { from: b, to: a, relation: chosen };
}

/** The default relation of a series-person link (`depicts` a victim, `involves` an offender). */
export function personRelation(kind: 'victim' | 'offender'): string {
  return planLink({ kind: 'series', id: 1 }, { kind, id: 1 }).relation;
}
