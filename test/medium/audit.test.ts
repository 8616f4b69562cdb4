import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../src/domain/app-error.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { AuditRepository, type NewAuditEvent } from '../../src/storage/audit.repository.js';
import { type AuditChainReport, verifyAuditChain } from '../../src/storage/audit-verify.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { createDatabase, type VigilDatabase } from '../../src/storage/database.js';
import type { DialectName } from '../../src/storage/dialect-name.js';
import type { VigilSchema } from '../../src/storage/schema.js';
import { createScratchTarget, describeEachDialect } from './dialect-harness.js';

const event = (i: number, agencyId: number): NewAuditEvent => ({
  actor: { userId: null, agencyId },
  action: i % 3 === 0 ? 'view' : 'update',
  record: { kind: 'case', id: i, agencyId },
  details: { step: i, note: 'benign', nested: { b: 2, a: [1, 'x', null, true] } },
});

async function appendMany(db: Kysely<VigilSchema>, dialect: DialectName, count: number, agencyId: number) {
  const audit = new AuditRepository(dialect);
  for (let i = 1; i <= count; i++) await db.transaction().execute((trx) => audit.append(trx, event(i, agencyId)));
}

/** Plays an attacker with full database rights: the append-only triggers are dropped first. */
async function tamper(database: VigilDatabase, statements: string[]): Promise<void> {
  const { db, dialect } = database;
  if (dialect === 'sqlite') {
    await sql.raw('drop trigger audit_events_no_update').execute(db);
    await sql.raw('drop trigger audit_events_no_delete').execute(db);
  } else {
    await sql.raw('alter table audit_events disable trigger user').execute(db);
  }
  for (const s of statements) await sql.raw(s).execute(db);
}

function assertProblem(report: AuditChainReport, kind: string, seq: number): void {
  assert.equal(report.ok, false, 'tampering went unnoticed');
  if (report.ok) return;
  assert.equal(report.problem.kind, kind, report.problem.message);
  assert.equal(report.problem.seq, seq, report.problem.message);
}

describeEachDialect('audit log', (suite) => {
  const db = () => suite.database.db;

  /** A fresh database with a chain of 10 events, for a test that damages it. */
  async function freshChain(work: (database: VigilDatabase) => Promise<void>): Promise<void> {
    const target = await createScratchTarget(suite.dialect);
    const database = await createDatabase(target.config);
    try {
      const agency = await new AgencyRepository(database.db).create({ countryCode: 'NL', name: 'Audit NL' });
      await appendMany(database.db, database.dialect, 10, agency.id);
      assert.equal((await verifyAuditChain(database.db)).ok, true);
      await work(database);
    } finally {
      await database.destroy();
      await target.cleanup();
    }
  }

  test('an event commits with its change and rolls back with it', async () => {
    const audit = new AuditRepository(suite.dialect, () => 1_700_000_000_000);
    const agency = await new AgencyRepository(db()).create({ countryCode: 'BE', name: 'Audit BE' });
    const made = await db()
      .transaction()
      .execute(async (trx) => {
        const created = await new CaseRepository(trx).createCase({
          agencyId: agency.id,
          reference: 'A-1',
          title: 'one',
        });
        const e = await audit.append(trx, {
          actor: { userId: null, agencyId: agency.id },
          action: 'create',
          record: { kind: 'case', id: created.id, agencyId: agency.id },
          details: { reference: 'A-1' },
        });
        return { created, e };
      });
    assert.equal(made.e.at, 1_700_000_000_000);
    assert.match(made.e.hash, /^[0-9a-f]{64}$/);
    const headBefore = await db().selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();

    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await new CaseRepository(trx).createCase({ agencyId: agency.id, reference: 'A-2', title: 'two' });
          await audit.append(trx, {
            actor: null,
            action: 'create',
            record: { kind: 'case', id: null, agencyId: agency.id },
          });
          throw new Error('crash before commit');
        }),
      /crash before commit/,
    );
    assert.equal((await new CaseRepository(db()).listCases(agency.id)).length, 1);
    const headAfter = await db().selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(headAfter, headBefore);
    const events = await new AuditRepository(suite.dialect).list(db());
    assert.equal(events.at(-1)?.hash, made.e.hash);
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  test('appending outside a transaction is refused', async () => {
    await assert.rejects(new AuditRepository(suite.dialect).append(db(), event(1, 1)), (err: unknown) =>
      AppError.is(err, 'internal'),
    );
  });

  test('the database itself refuses updates and deletes of events', async () => {
    await appendMany(db(), suite.dialect, 2, 1);
    await assert.rejects(sql.raw(`update audit_events set action = 'x' where seq = 1`).execute(db()), /append-only/);
    await assert.rejects(sql.raw('delete from audit_events where seq = 1').execute(db()), /append-only/);
  });

  test('a long chain verifies across pages; details are stored canonically', async () => {
    await appendMany(db(), suite.dialect, 25, 1);
    const report = await verifyAuditChain(db(), { pageSize: 7 });
    assert.equal(report.ok, true);
    if (report.ok) assert.ok(report.events >= 25);
    const row = await db().selectFrom('audit_events').select('details').where('seq', '=', 3).executeTakeFirstOrThrow();
    assert.ok(row.details.startsWith('{"nested":{"a":[1,"x",null,true],"b":2},"note":"benign","step":'));
  });

  test('an edited field is found', () =>
    freshChain(async (d) => {
      await tamper(d, [`update audit_events set action = 'delete' where seq = 5`]);
      assertProblem(await verifyAuditChain(d.db), 'edited', 5);
    }));

  test('edited details are found, even when only their spelling changed', () =>
    freshChain(async (d) => {
      await tamper(d, [`update audit_events set details = replace(details, '"step":6', '"step": 6') where seq = 6`]);
      assertProblem(await verifyAuditChain(d.db), 'edited', 6);
    }));

  test('a removed event is found, first, middle or last', async () => {
    for (const [where, at] of [
      [1, 1],
      [5, 5],
      [10, 10],
    ]) {
      await freshChain(async (d) => {
        await tamper(d, [`delete from audit_events where seq = ${where}`]);
        assertProblem(await verifyAuditChain(d.db, { pageSize: 3 }), 'removed', at);
      });
    }
  });

  test('two events with their seq swapped are found as reordered', () =>
    freshChain(async (d) => {
      await tamper(d, [
        'update audit_events set seq = 1000 where seq = 4',
        'update audit_events set seq = 4 where seq = 5',
        'update audit_events set seq = 5 where seq = 1000',
      ]);
      assertProblem(await verifyAuditChain(d.db), 'reordered', 4);
    }));

  test('removing an event and renumbering the rest is still found', () =>
    freshChain(async (d) => {
      await tamper(d, [
        'delete from audit_events where seq = 7',
        'update audit_events set seq = 7 where seq = 8',
        'update audit_events set seq = 8 where seq = 9',
        'update audit_events set seq = 9 where seq = 10',
      ]);
      const report = await verifyAuditChain(d.db);
      assert.equal(report.ok, false);
      if (!report.ok) assert.equal(report.problem.seq, 7, report.problem.message);
    }));

  test('concurrent appenders from several connections keep one unbroken chain', async () => {
    const WRITERS = 4;
    const EACH = 40;
    const handles: VigilDatabase[] =
      suite.dialect === 'postgres'
        ? await Promise.all(
            Array.from({ length: WRITERS }, () => {
              const config = suite.target.config;
              return createDatabase(config.dialect === 'postgres' ? { ...config, poolSize: 2 } : config);
            }),
          )
        : Array.from({ length: WRITERS }, () => suite.database);
    const before = await db().selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow();
    try {
      const agency = await new AgencyRepository(db()).create({ countryCode: 'DE', name: 'Audit concurrent' });
      await Promise.all(
        handles.map(async (h, w) => {
          const audit = new AuditRepository(h.dialect);
          for (let i = 0; i < EACH; i++) {
            await h.db.transaction().execute(async (trx) => {
              const c = await new CaseRepository(trx).createCase({
                agencyId: agency.id,
                reference: `W${w}-${i}`,
                title: 'concurrent',
              });
              await audit.append(trx, {
                actor: { userId: null, agencyId: agency.id },
                action: 'create',
                record: { kind: 'case', id: c.id, agencyId: agency.id },
                details: { writer: w, i },
              });
            });
          }
        }),
      );
    } finally {
      if (suite.dialect === 'postgres') await Promise.all(handles.map((h) => h.destroy()));
    }
    const report = await verifyAuditChain(db());
    assert.equal(report.ok, true, report.ok ? '' : report.problem.message);
    if (report.ok) assert.equal(report.headSeq, before.seq + WRITERS * EACH);
  });
});
