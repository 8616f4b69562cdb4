/**
 * Media with their blobs, on both dialects: blob first, row second; a crash between the two
 * leaves an unreachable orphan that garbage collection removes; a failed blob write leaves no row;
 * opening bytes is scoped and audited in the same transaction; audited reads of personal data.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { readAudited } from '../../src/access/audited-read.js';
import { scopeWhere } from '../../src/access/scope-query.js';
import { AppError, type AppErrorCode } from '../../src/domain/app-error.js';
import { MediaContentService } from '../../src/services/media-content.service.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { AuditRepository } from '../../src/storage/audit.repository.js';
import { verifyAuditChain } from '../../src/storage/audit-verify.js';
import { collectOrphanMediaBlobs } from '../../src/storage/blob-gc.js';
import { type BlobStores, openBlobStores } from '../../src/storage/blob-store.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import type { NewMedia } from '../../src/storage/media-rows.js';
import { describeEachDialect } from './dialect-harness.js';

const isCode = (code: AppErrorCode) => (err: unknown) => {
  assert.ok(AppError.is(err, code), `expected AppError ${code}, got ${String(err)}`);
  return true;
};

/** Benign content (a text pattern) and its media record with real digests. */
function content(tag: string, size = 5_000): { bytes: Buffer; media: NewMedia } {
  const unit = Buffer.from(`${tag}|benign-pattern|`);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(bytes, i);
  const h = (a: string) => createHash(a).update(bytes).digest('hex');
  return { bytes, media: { sha256: h('sha256'), md5: h('md5'), sha1: h('sha1'), size, mime: 'image/png' } };
}

describeEachDialect('media content: blob first, row second', (suite) => {
  let dir: string;
  let blobs: BlobStores;
  let analyst: Actor;
  let otherViewer: Actor;
  let partner: Actor;
  let exhibitId: number;
  const db = () => suite.database.db;
  const audit = () => new AuditRepository(suite.dialect);
  const service = () => new MediaContentService(db(), suite.dialect, blobs.media, audit());
  const countMedia = async () =>
    Number(
      (
        await db()
          .selectFrom('media')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lastEvent = async () => (await audit().list(db(), 0, 100_000)).at(-1);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-media-content-'));
    blobs = await openBlobStores(dir, { chunkLog2: 10 });
    const agencies = new AgencyRepository(db());
    const own = await agencies.create({ countryCode: 'NL', name: 'Content own' });
    const other = await agencies.create({ countryCode: 'CA', name: 'Content other' });
    const mk = async (agencyId: number, username: string, role: 'analyst' | 'viewer' | 'partner'): Promise<Actor> => {
      const u = await agencies.createUser({ agencyId, username, displayName: username, roles: [role] });
      return { userId: u.id, agencyId: u.agencyId, roles: u.roles };
    };
    analyst = await mk(own.id, 'content-analyst', 'analyst');
    otherViewer = await mk(other.id, 'content-viewer', 'viewer');
    partner = await mk(other.id, 'content-partner', 'partner');
    const c = await new CaseRepository(db()).createCase({ agencyId: own.id, reference: 'C-1', title: 'content' });
    exhibitId = (await new CaseRepository(db()).createExhibit({ caseId: c.id, label: 'usb' })).id;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const withSighting =
    (path: string) =>
    async (
      trx: Parameters<NonNullable<Parameters<MediaContentService['store']>[1]['within']>>[0],
      m: { id: number },
    ) => {
      await new MediaRepository(trx, suite.dialect).addSighting({ mediaId: m.id, exhibitId, path });
    };

  test('store: blob and row together, audited; open: scoped, audited, verified bytes', async () => {
    const { bytes, media } = content('stored', 3_500);
    const stored = await service().store(analyst, { media, content: bytes, within: withSighting('a/1.png') });
    assert.equal(stored.created, true);
    assert.equal(await blobs.media.has(media.sha256), true);
    const created = await lastEvent();
    assert.equal(created?.action, 'create');
    assert.equal(created?.recordId, stored.media.id);

    const parts: Buffer[] = [];
    for await (const p of (await service().open(analyst, stored.media.id)).stream) parts.push(p as Buffer);
    assert.ok(Buffer.concat(parts).equals(bytes));
    const viewed = await lastEvent();
    assert.deepEqual(
      [viewed?.action, viewed?.recordId, viewed?.actorUserId],
      ['view-content', stored.media.id, analyst.userId],
    );

    const before = (await lastEvent())?.seq;
    await assert.rejects(service().open(otherViewer, stored.media.id), isCode('not-found'));
    await assert.rejects(service().open(partner, stored.media.id), isCode('not-found'));
    assert.equal((await lastEvent())?.seq, before, 'a refused view writes no event');
    await assert.rejects(service().store(otherViewer, { media, content: bytes }), isCode('forbidden'));
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  test('crash after the blob, before commit: no row, no sighting, no event; the orphan is unreachable and collected', async () => {
    const { bytes, media } = content('crash');
    const kept = content('kept');
    await service().store(analyst, { media: kept.media, content: kept.bytes, within: withSighting('a/kept.png') });
    const mediaBefore = await countMedia();
    const seqBefore = (await lastEvent())?.seq;
    await assert.rejects(
      service().store(analyst, {
        media,
        content: bytes,
        within: async (trx, m) => {
          await withSighting('a/crash.png')(trx, m);
          throw new Error('power cut before commit');
        },
      }),
      /power cut/,
    );
    assert.equal(await countMedia(), mediaBefore);
    assert.equal(await new MediaRepository(db(), suite.dialect).findBySha256(media.sha256), null);
    assert.equal((await lastEvent())?.seq, seqBefore);
    assert.equal(await blobs.media.has(media.sha256), true, 'the blob was written first');
    const reachable = await db()
      .selectFrom('media')
      .select('media.id')
      .where('media.sha256', '=', media.sha256)
      .where(scopeWhere(analyst, 'read', 'media'))
      .execute();
    assert.deepEqual(reachable, [], 'no row can reach the orphan');

    const young = await collectOrphanMediaBlobs(db(), blobs.media, { graceMs: 60_000 });
    assert.deepEqual(young.removed, [], 'inside the grace period nothing is collected');
    const gc = await collectOrphanMediaBlobs(db(), blobs.media, { graceMs: 60_000, now: Date.now() + 120_000 });
    assert.deepEqual(gc.removed, [media.sha256]);
    assert.equal(await blobs.media.has(media.sha256), false);
    assert.equal(await blobs.media.has(kept.media.sha256), true, 'referenced blobs stay');
    await blobs.media.verify(kept.media.sha256);
  });

  test('a blob write that fails stores no row; a wrong digest stores neither', async () => {
    const { bytes, media } = content('unplugged');
    const mediaBefore = await countMedia();
    async function* failing() {
      yield bytes.subarray(0, 2_000);
      throw new Error('device unplugged');
    }
    await assert.rejects(service().store(analyst, { media, content: failing() }), isCode('unreadable-file'));
    assert.equal(await countMedia(), mediaBefore);
    assert.equal(await blobs.media.has(media.sha256), false);

    const wrong = { ...media, sha256: content('something-else').media.sha256 };
    await assert.rejects(service().store(analyst, { media: wrong, content: bytes }), isCode('conflict'));
    assert.equal(await countMedia(), mediaBefore);
    assert.equal(await blobs.media.has(media.sha256), false);
    assert.equal(await blobs.media.has(wrong.sha256), false);
  });

  test('every committed media row has a verifiable blob', async () => {
    const rows = await db().selectFrom('media').select('sha256').execute();
    assert.ok(rows.length >= 2);
    for (const r of rows) await blobs.media.verify(r.sha256);
  });

  test('reads of personal data are audited in the read transaction; reference data is not', async () => {
    const victimId = Number(
      (
        await db()
          .insertInto('victims')
          .values({ agency_id: analyst.agencyId, reference: 'V-1', created_at: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const loadVictim = (actor: Actor) => (trx: typeof db extends () => infer D ? D : never) =>
      trx
        .selectFrom('victims')
        .select(['victims.id', 'victims.reference', 'victims.agency_id'])
        .where('victims.id', '=', victimId)
        .where(scopeWhere(actor, 'read', 'victim'))
        .executeTakeFirst()
        .then((r) => (r ? { value: r.reference, id: r.id, agencyId: r.agency_id } : null));
    const seqBefore = (await lastEvent())?.seq ?? 0;
    assert.equal(await readAudited(db(), audit(), analyst, 'victim', loadVictim(analyst)), 'V-1');
    const viewed = await lastEvent();
    assert.deepEqual(
      [viewed?.seq, viewed?.action, viewed?.recordKind, viewed?.recordId],
      [seqBefore + 1, 'view', 'victim', victimId],
    );
    assert.equal(await readAudited(db(), audit(), otherViewer, 'victim', loadVictim(otherViewer)), null);
    const scheme = await readAudited(db(), audit(), analyst, 'category_scheme', async (trx) => {
      const r = await trx.selectFrom('category_schemes').select(['id', 'code']).orderBy('id').executeTakeFirst();
      return r ? { value: r.code, id: r.id, agencyId: null } : null;
    });
    assert.equal(typeof scheme, 'string');
    assert.equal((await lastEvent())?.seq, seqBefore + 1, 'only the victim read was audited');
  });
});
