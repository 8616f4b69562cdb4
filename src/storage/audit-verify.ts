/**
 * `verifyAuditChain()`: reads the audit log in seq order, a page at a time (constant memory on
 * any size), recomputes every hash and link, and reports the FIRST event that was edited, removed
 * or moved. Deleting events at the tail is caught by the chain head; deleting the tail and
 * rewriting the head together is not (no store can catch that alone): publish or copy the head
 * hash elsewhere from time to time to anchor it.
 */
import type { Kysely, Selectable } from 'kysely';
import { auditEventHash, canonicalJson, hashedEventOf, type JsonObject } from './audit-hash.js';
import type { AuditEventTable } from './audit-schema.js';
import { GENESIS_HASH } from './migrations/0003-audit.migration.js';
import type { VigilSchema } from './schema.js';

export type AuditProblemKind = 'edited' | 'removed' | 'reordered';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The first position where the chain is wrong. */
  seq: number;
  message: string;
}

export type AuditChainReport =
  | { ok: true; events: number; headSeq: number; headHash: string }
  | { ok: false; eventsChecked: number; problem: AuditProblem };

function ownHashHolds(row: Selectable<AuditEventTable>): boolean {
  let details: JsonObject;
  try {
    details = JSON.parse(row.details) as JsonObject;
    if (canonicalJson(details) !== row.details) return false;
  } catch {
    return false;
  }
  const hash = auditEventHash(hashedEventOf(row, details));
  return hash === row.hash;
}

async function brokenLink(
  db: Kysely<VigilSchema>,
  row: Selectable<AuditEventTable>,
  previousSeq: number,
): Promise<AuditProblem> {
  const owner = await db.selectFrom('audit_events').select('seq').where('hash', '=', row.prev_hash).executeTakeFirst();
  if (owner) {
    return {
      kind: 'reordered',
      seq: row.seq,
      message: `Event ${row.seq} was written after event ${owner.seq}, not after event ${previousSeq}: events were moved.`,
    };
  }
  if (ownHashHolds(row)) {
    return {
      kind: 'removed',
      seq: row.seq,
      message: `The event written before event ${row.seq} is gone (events were removed and the rest renumbered).`,
    };
  }
  return { kind: 'edited', seq: row.seq, message: `Event ${row.seq} was edited (its link and hash do not hold).` };
}

export async function verifyAuditChain(
  db: Kysely<VigilSchema>,
  options: { pageSize?: number } = {},
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 1_000;
  let previousSeq = 0;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  const fail = (problem: AuditProblem): AuditChainReport => ({ ok: false, eventsChecked: checked, problem });
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', previousSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const expected = previousSeq + 1;
      if (row.seq !== expected) {
        const range = row.seq - 1 === expected ? `Event ${expected} is` : `Events ${expected}–${row.seq - 1} are`;
        return fail({ kind: 'removed', seq: expected, message: `${range} missing.` });
      }
      if (row.prev_hash !== previousHash) return fail(await brokenLink(db, row, previousSeq));
      if (!ownHashHolds(row)) {
        return fail({ kind: 'edited', seq: row.seq, message: `Event ${row.seq} was edited (its hash does not hold).` });
      }
      previousSeq = row.seq;
      previousHash = row.hash;
      checked++;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) return fail({ kind: 'removed', seq: previousSeq + 1, message: 'The audit chain head is missing.' });
  if (head.seq > previousSeq) {
    const range = head.seq === previousSeq + 1 ? `Event ${head.seq} is` : `Events ${previousSeq + 1}–${head.seq} are`;
    return fail({ kind: 'removed', seq: previousSeq + 1, message: `${range} missing from the end.` });
  }
  if (head.seq !== previousSeq || head.hash !== previousHash) {
    return fail({
      kind: 'edited',
      seq: previousSeq,
      message: `The chain head (event ${head.seq}) does not match the last event (${previousSeq}).`,
    });
  }
  return { ok: true, events: checked, headSeq: head.seq, headHash: head.hash };
}
