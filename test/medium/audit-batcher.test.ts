/**
 * Group commit of read events on both dialects: events from lookups arriving together are
 * committed together, in order per request, each caller answered only after the commit; a batch
 * whose commit fails rejects every caller in it and leaves no event behind; the chain holds.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AuditBatcher } from '../../src/services/audit-batcher.js';
import { AuditRepository, type NewAuditEvent } from '../../src/storage/audit.repository.js';
import { verifyAuditChain } from '../../src/storage/audit-verify.js';
import { describeEachDialect } from './dialect-harness.js';

const view = (id: number, details: Record<string, unknown> = {}): NewAuditEvent => ({
  actor: null,
  action: 'lookup',
  record: { kind: 'media', id, agencyId: null },
  details: details as NewAuditEvent['details'],
});

describeEachDialect('audit group commit', (suite) => {
  const count = async () =>
    Number(
      (
        await suite.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('commits the events of requests arriving together, each answered after its events are stored', async () => {
    const batcher = new AuditBatcher(suite.database.db, new AuditRepository(suite.dialect));
    const before = await count();
    const answered: number[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        batcher.append([view(n), view(n + 100)]).then(async () => {
          answered.push(n);
          assert.ok((await count()) >= before + 2, 'stored before the answer');
        }),
      ),
    );
    assert.deepEqual(answered.sort(), [1, 2, 3]);
    const rows = await suite.database.db
      .selectFrom('audit_events')
      .select(['record_id'])
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => Number(r.record_id)),
      [1, 101, 2, 102, 3, 103],
    );
    assert.equal((await verifyAuditChain(suite.database.db)).ok, true);
  });

  it('rejects every caller of a batch whose commit fails, and keeps none of its events', async () => {
    const batcher = new AuditBatcher(suite.database.db, new AuditRepository(suite.dialect));
    const before = await count();
    const results = await Promise.allSettled([
      batcher.append([view(7)]),
      batcher.append([view(8, { size: 10n })]), // cannot be written: fails the whole batch
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(await count(), before);
    await batcher.append([view(9)]);
    assert.equal(await count(), before + 1, 'the next batch commits');
  });
});
