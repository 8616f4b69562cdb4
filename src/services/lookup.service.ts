/**
 * Hash lookups (DESIGN.md §5, "A hash lookup"): digests (MD5, SHA-1, SHA-256) are looked up in the
 * database's indexes, PDQ values in this process's in-memory index (pdq-index.service.ts); every
 * hit then passes the caller's access rules in SQL before anything about it is answered
 * (lookup.repository.ts, lookup-answers.ts). A lookup that found something appends audit events
 * (who asked about which record) in one transaction; a miss writes nothing, so the common case
 * costs no write. The partner lookup answers only "known" and categories, from hash sets shared
 * `all` or `hash_only`.
 */
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import { type BulkResult, matchesOf } from '../matching/bulk-match.js';
import { digestBuffer } from '../signals/crypto/file-digests.js';
import { PDQ_MATCH_THRESHOLD } from '../signals/pdq/pdq.signal.js';
import { pdqFromImage } from '../signals/pdq/pdq-image.js';
import type { SignalRegistry } from '../signals/registry.js';
import { AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import type { VigilDatabase } from '../storage/database.js';
import { type DigestColumn, LookupRepository } from '../storage/lookup.repository.js';
import { AuditBatcher } from './audit-batcher.js';
import {
  answerOf,
  type Candidates,
  emptyHits,
  type LookupAnswer,
  revealedOf,
  type VisibleHits,
} from './lookup-answers.js';
import type { PdqIndexService } from './pdq-index.service.js';

export const LOOKUP_TYPES = ['md5', 'sha1', 'sha256', 'pdq'] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

export interface LookupSignal {
  type: LookupType;
  value: string;
  /** PDQ only: largest Hamming distance counted (default 31). */
  threshold?: number | undefined;
}

/** How the lookup was asked, for the audit event. */
export type LookupVia = 'lookup' | 'lookup-bulk' | 'lookup-image' | 'partner-lookup';

export interface PartnerAnswer {
  type: LookupType;
  value: string;
  known: boolean;
  categories: Array<{ scheme: string; code: string; label: string }>;
}

export interface ImageLookup {
  md5: string;
  sha1: string;
  sha256: string;
  size: number;
  pdq: string;
  /** PDQ quality 0–100; below 50 near matches are unreliable. */
  pdqQuality: number;
  answers: LookupAnswer[];
}

interface Prepared {
  type: LookupType;
  value: string;
  threshold: number;
}

/** Several PDQ needles go to the bulk path (worker pool) from this many on. */
const BULK_FROM = 64;

export class LookupService {
  private readonly repo: LookupRepository;
  private readonly audit: AuditBatcher;

  constructor(
    database: VigilDatabase,
    private readonly pdqIndex: PdqIndexService,
    private readonly signals: SignalRegistry,
    now: () => number = Date.now,
  ) {
    this.repo = new LookupRepository(database.db, database.dialect);
    this.audit = new AuditBatcher(database.db, new AuditRepository(database.dialect, now));
  }

  /** One answer per signal, in order. */
  async lookup(actor: Actor, signals: readonly LookupSignal[], via: LookupVia = 'lookup'): Promise<LookupAnswer[]> {
    const prepared = signals.map((s, i) => this.prepare(s, i));
    const candidates = await this.candidates(prepared, false);
    return this.answer(actor, prepared, candidates, via);
  }

  /** An uploaded image, hashed here (digests and PDQ with its rotations and mirrors); not stored. */
  async lookupImage(actor: Actor, bytes: Buffer, threshold = PDQ_MATCH_THRESHOLD): Promise<ImageLookup> {
    const digests = digestBuffer(bytes);
    const pdq = await pdqFromImage(bytes, { dihedral: true });
    const prepared: Prepared[] = [
      ...(['md5', 'sha1', 'sha256'] as const).map((type) => ({ type, value: digests[type], threshold: 0 })),
      { type: 'pdq', value: pdq.hash, threshold },
    ];
    const candidates = await this.candidates(prepared.slice(0, 3), false);
    await this.pdqIndex.start();
    if (!pdq.dihedral) throw new AppError('internal', 'PDQ of the image came without its dihedral variants.');
    candidates.push(this.pdqIndex.nearDihedral(pdq.dihedral, threshold));
    const answers = await this.answer(actor, prepared, candidates, 'lookup-image');
    return { ...digests, pdq: pdq.hash, pdqQuality: pdq.quality, answers };
  }

  /** Known / not known and categories, from sets shared `all` or `hash_only` only; nothing else. */
  async partnerLookup(actor: Actor, hashes: readonly LookupSignal[]): Promise<PartnerAnswer[]> {
    const prepared = hashes.map((s, i) => this.prepare({ type: s.type, value: s.value }, i));
    const candidates = await this.candidates(prepared, true);
    const visible = emptyHits();
    const ids = [...new Set(candidates.flatMap((c) => c.entries.map((e) => e.id)))];
    if (ids.length > 0)
      for (const r of await this.repo.entriesByIds(actor, ids, true)) visible.entries.set(r.entryId, r);
    await this.loadDigestHits(actor, prepared, candidates, visible, true);
    const answers = prepared.map((p, i) => {
      const rows = candidates[i].entries.flatMap((c) => visible.entries.get(c.id) ?? []);
      const categories = new Map<string, { scheme: string; code: string; label: string }>();
      for (const r of rows) if (r.category) categories.set(`${r.category.scheme}:${r.category.code}`, r.category);
      return { type: p.type, value: p.value, known: rows.length > 0, categories: [...categories.values()] };
    });
    await this.record(actor, 'partner-lookup', candidates, visible, prepared.length);
    return answers;
  }

  private prepare(signal: LookupSignal, i: number): Prepared {
    const type = this.signals.get(signal.type);
    let value: string;
    try {
      value = type.normalize(signal.value);
    } catch (e) {
      if (AppError.is(e)) throw new AppError(e.code, `signals[${i}]: ${e.message}`, { details: { index: i } });
      throw e;
    }
    if (type.exact && signal.threshold) {
      throw new AppError('bad-usage', `signals[${i}]: a threshold applies to pdq only; ${type.name} matches exactly.`, {
        details: { index: i },
      });
    }
    const threshold = type.exact ? 0 : (signal.threshold ?? type.defaultThreshold);
    return { type: signal.type, value, threshold };
  }

  /** Unscoped candidates per signal: digest hits are filled in later by `answer`, PDQ hits here. */
  private async candidates(prepared: readonly Prepared[], entriesOnly: boolean): Promise<Candidates[]> {
    const out: Candidates[] = prepared.map(() => ({ media: [], entries: [] }));
    const pdq = prepared.flatMap((p, i) => (p.type === 'pdq' ? [i] : []));
    if (pdq.length === 0) return out;
    await this.pdqIndex.start();
    if (pdq.length < BULK_FROM) {
      // In this thread: a single search costs less CPU here than the round trip to the pool.
      for (const i of pdq) {
        const hits = this.pdqIndex.near(prepared[i].value, prepared[i].threshold);
        out[i] = entriesOnly ? { media: [], entries: hits.entries } : hits;
      }
      return out;
    }
    const threshold = Math.max(...pdq.map((i) => prepared[i].threshold));
    const found = await this.pdqIndex.nearMany(
      pdq.map((i) => prepared[i].value),
      threshold,
    );
    pdq.forEach((i, k) => {
      const within = (r: BulkResult) => matchesOf(r, k).filter((m) => m.distance <= prepared[i].threshold);
      out[i] = { media: entriesOnly ? [] : within(found.media), entries: within(found.entries) };
    });
    return out;
  }

  private async answer(
    actor: Actor,
    prepared: readonly Prepared[],
    candidates: Candidates[],
    via: LookupVia,
  ): Promise<LookupAnswer[]> {
    const visible = emptyHits();
    await this.loadDigestHits(actor, prepared, candidates, visible);
    const mediaIds = new Set<number>();
    const entryIds = new Set<number>();
    prepared.forEach((p, i) => {
      if (p.type !== 'pdq') return;
      for (const m of candidates[i].media) mediaIds.add(m.id);
      for (const e of candidates[i].entries) entryIds.add(e.id);
    });
    if (mediaIds.size > 0)
      for (const r of await this.repo.mediaByIds(actor, [...mediaIds])) visible.media.set(r.mediaId, r);
    if (entryIds.size > 0) {
      for (const r of await this.repo.entriesByIds(actor, [...entryIds])) visible.entries.set(r.entryId, r);
    }
    const shown = [...visible.media.values()].filter((m) => m.recordVisible).map((m) => m.mediaId);
    if (shown.length > 0) {
      for (const s of await this.repo.seriesOf(actor, shown)) {
        const list = visible.series.get(s.mediaId) ?? [];
        list.push(s);
        visible.series.set(s.mediaId, list);
      }
      const seriesIds = [...new Set([...visible.series.values()].flatMap((list) => list.map((s) => s.id)))];
      if (seriesIds.length > 0) visible.victims = await this.repo.victimCountsOf(seriesIds);
    }
    const answers = prepared.map((p, i) => answerOf(p.type, p.value, candidates[i], visible));
    await this.record(actor, via, candidates, visible, prepared.length);
    return answers;
  }

  /** Digest signals: scoped queries per type (after a cheap existence test when there is one signal). */
  private async loadDigestHits(
    actor: Actor,
    prepared: readonly Prepared[],
    candidates: Candidates[],
    visible: VisibleHits,
    partnerLevelsOnly = false,
  ): Promise<void> {
    for (const column of ['md5', 'sha1', 'sha256'] as const) {
      const at = prepared.flatMap((p, i) => (p.type === column ? [i] : []));
      if (at.length === 0) continue;
      const values = [...new Set(at.map((i) => prepared[i].value))];
      if (values.length === 1 && !(await this.repo.anyDigest(column, values[0]))) continue;
      const media = partnerLevelsOnly ? [] : await this.repo.mediaByDigest(actor, column, values);
      const entries = await this.repo.entriesByHash(actor, column as DigestColumn, values, partnerLevelsOnly);
      for (const r of media) visible.media.set(r.mediaId, r);
      for (const r of entries) visible.entries.set(r.entryId, r);
      for (const i of at) {
        const v = prepared[i].value;
        candidates[i] = {
          media: media.filter((r) => r.value === v).map((r) => ({ id: r.mediaId, distance: 0 })),
          entries: entries.filter((r) => r.value === v).map((r) => ({ id: r.entryId, distance: 0 })),
        };
      }
    }
  }

  /** Audit events for the records a lookup matched (none for a miss): media, and entries per owner agency. */
  private async record(
    actor: Actor,
    via: LookupVia,
    candidates: readonly Candidates[],
    visible: VisibleHits,
    asked: number,
  ): Promise<void> {
    const revealed = revealedOf(candidates, visible);
    if (revealed.media.size === 0 && revealed.entriesByAgency.size === 0) return;
    const who = { userId: actor.userId, agencyId: actor.agencyId };
    const event = (kind: string, ids: Set<number>, agencyId: number | null) => {
      const sorted = [...ids].sort((a, b) => a - b);
      const details: JsonObject = { via, signals: asked, ids: sorted };
      return {
        actor: who,
        action: 'lookup',
        record: { kind, id: sorted.length === 1 ? sorted[0] : null, agencyId },
        details,
      };
    };
    // One commit for the lookups arriving together; this answer waits for it.
    const events = [...(revealed.media.size > 0 ? [event('media', revealed.media, null)] : [])];
    for (const [agencyId, ids] of revealed.entriesByAgency) events.push(event('hash_set_entry', ids, agencyId));
    await this.audit.append(events);
  }
}
