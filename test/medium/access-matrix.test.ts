/**
 * The authorisation matrix on real rows: every record kind x every role x read/write/export x a
 * record of the actor's own agency and one of another agency, on both dialects. Each cell is held
 * three ways: the hand-written expectation (test/support/access-expectations.ts), the pure
 * `decide()`, and `scopeWhere()` run inside SQL against the row. Then the sharing levels (all,
 * hash_only, restricted + named) and media reached through a series, the same way.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { AccessKind, AccessRecord, Action, Actor, SharedScope } from '../../src/access/access-record.js';
import { ACCESS_KINDS, ACTIONS } from '../../src/access/access-record.js';
import { decide } from '../../src/access/policy.js';
import { KIND_TABLES, SERIES_MEMBER_RELATION, scopeWhere } from '../../src/access/scope-query.js';
import { ROLES } from '../../src/domain/agency.record.js';
import type { SharingLevel } from '../../src/domain/sharing.record.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { AuditRepository } from '../../src/storage/audit.repository.js';
import type { DialectName } from '../../src/storage/dialect-name.js';
import type { VigilSchema } from '../../src/storage/schema.js';
import { expectedAllowed } from '../support/access-expectations.js';
import { fakeMedia } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';

const T = 1_750_000_000_000;

interface Fixture {
  /** Ids per kind: the own agency's record and the other agency's (unshared) one. */
  rows: Record<AccessKind, { own: number; other: number }>;
  /** Records of the other agency under each sharing level, with what the policy needs. */
  shared: Array<{ label: string; kind: AccessKind; id: number; record: AccessRecord }>;
  actors: Actor[];
  own: number;
  other: number;
}

async function insertId<T extends keyof VigilSchema>(
  db: Kysely<VigilSchema>,
  table: T,
  values: object,
): Promise<number> {
  // biome-ignore lint/suspicious/noExplicitAny: one helper inserts into every table of the matrix.
  const row = await (db as Kysely<any>).insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** One agency's record of every kind (none shared beyond the agency). */
async function seedAgency(
  db: Kysely<VigilSchema>,
  dialect: DialectName,
  agencyId: number,
  authorId: number,
  tag: string,
  n: number,
) {
  const caseId = await insertId(db, 'cases', { agency_id: agencyId, reference: tag, title: tag, created_at: T });
  const exhibitId = await insertId(db, 'exhibits', {
    case_id: caseId,
    agency_id: agencyId,
    label: 'ex',
    created_at: T,
  });
  const media = async (i: number) => {
    const { signals: _signals, durationMs: _duration, ...m } = fakeMedia(i, `matrix-${tag}`);
    return insertId(db, 'media', { ...m, created_at: T });
  };
  const mediaId = await media(n);
  const secondMediaId = await media(n + 1);
  const sightingId = await insertId(db, 'sightings', {
    media_id: mediaId,
    exhibit_id: exhibitId,
    agency_id: agencyId,
    path: 'dcim/a.jpg',
    seen_at: T,
  });
  const signalId = await insertId(db, 'signals', { media_id: mediaId, type: 'pdq', value: fakeMedia(n, tag).sha256 });
  const hashSetId = await insertId(db, 'hash_sets', {
    agency_id: agencyId,
    name: `set-${tag}`,
    source: 'test',
    sharing: 'restricted',
    created_at: T,
  });
  const entryId = await insertId(db, 'hash_set_entries', {
    hash_set_id: hashSetId,
    agency_id: agencyId,
    md5: fakeMedia(n, tag).md5,
  });
  const seriesId = await insertId(db, 'series', {
    agency_id: agencyId,
    reference: `S-${tag}`,
    title: tag,
    status: 'open',
    sharing: 'restricted',
    created_at: T,
    updated_at: T,
  });
  const person = { agency_id: agencyId, reference: `P-${tag}`, created_at: T };
  const victimId = await insertId(db, 'victims', person);
  const offenderId = await insertId(db, 'offenders', person);
  const placeId = await insertId(db, 'places', { agency_id: agencyId, name: 'a park', created_at: T });
  const clueId = await insertId(db, 'clues', {
    agency_id: agencyId,
    media_id: mediaId,
    kind: 'object',
    description: 'a mug',
    created_at: T,
  });
  const linkId = await insertId(db, 'links', {
    agency_id: agencyId,
    from_kind: 'media',
    from_id: mediaId,
    to_kind: 'series',
    to_id: seriesId,
    relation: SERIES_MEMBER_RELATION,
    created_at: T,
  });
  const matchId = await insertId(db, 'matches', {
    agency_id: agencyId,
    media_id: mediaId,
    other_media_id: secondMediaId,
    kind: 'exact',
    verdict: 'pending',
    created_at: T,
  });
  const noteId = await insertId(db, 'notes', {
    agency_id: agencyId,
    author_id: authorId,
    case_id: caseId,
    body: 'benign note',
    created_at: T,
  });
  const alertId = await insertId(db, 'alerts', {
    agency_id: agencyId,
    about_kind: 'match',
    about_id: matchId,
    match_id: matchId,
    reason: 'test',
    created_at: T,
  });
  const audited = await db.transaction().execute((trx) =>
    new AuditRepository(dialect).append(trx, {
      actor: { userId: authorId, agencyId },
      action: 'create',
      record: { kind: 'case', id: caseId, agencyId },
    }),
  );
  return {
    case: caseId,
    exhibit: exhibitId,
    media: mediaId,
    sighting: sightingId,
    signal: signalId,
    hash_set: hashSetId,
    hash_set_entry: entryId,
    series: seriesId,
    victim: victimId,
    offender: offenderId,
    place: placeId,
    clue: clueId,
    link: linkId,
    match: matchId,
    note: noteId,
    alert: alertId,
    audit_event: audited.seq,
  };
}

/** What decide() is told about the seeded rows (the facts the seeding made true). */
function describeRecord(kind: AccessKind, agency: number): AccessRecord {
  const scope: SharedScope = { ownerAgencyId: agency, sharing: 'restricted', sharedWith: [] };
  switch (kind) {
    case 'agency':
      return { kind, id: agency };
    case 'category_scheme':
      return { kind };
    case 'series':
    case 'hash_set':
    case 'hash_set_entry':
      return { kind, ...scope };
    case 'media':
    case 'signal':
      return { kind, sightedBy: [agency], inSeries: [scope] };
    case 'note':
      return { kind, ownerAgencyId: agency, visibleTo: [] };
    case 'audit_event':
      return { kind, actorAgencyId: agency, recordAgencyId: agency };
    default:
      return { kind, ownerAgencyId: agency };
  }
}

/** Series, hash sets, media and signals of the other agency at every sharing level. */
async function seedShared(db: Kysely<VigilSchema>, other: number, own: number): Promise<Fixture['shared']> {
  const out: Fixture['shared'] = [];
  const levels: Array<[string, SharingLevel, number[]]> = [
    ['all', 'all', []],
    ['hash_only', 'hash_only', []],
    ['restricted, named own', 'restricted', [own]],
    ['hash_only, named own', 'hash_only', [own]],
  ];
  let n = 100;
  for (const [label, sharing, named] of levels) {
    n += 10;
    const scope: SharedScope = { ownerAgencyId: other, sharing, sharedWith: named };
    const seriesId = await insertId(db, 'series', {
      agency_id: other,
      reference: `shared-${n}`,
      title: label,
      status: 'open',
      sharing,
      created_at: T,
      updated_at: T,
    });
    const setId = await insertId(db, 'hash_sets', {
      agency_id: other,
      name: `shared-${n}`,
      source: 'test',
      sharing,
      created_at: T,
    });
    for (const agency_id of named) {
      await db.insertInto('series_shares').values({ series_id: seriesId, agency_id, created_at: T }).execute();
      await db.insertInto('hash_set_shares').values({ hash_set_id: setId, agency_id }).execute();
    }
    const entryId = await insertId(db, 'hash_set_entries', {
      hash_set_id: setId,
      agency_id: other,
      sha1: fakeMedia(n, 'shared').sha1,
    });
    const { signals: _signals, durationMs: _duration, ...m } = fakeMedia(n, 'shared-media');
    const mediaId = await insertId(db, 'media', { ...m, created_at: T });
    const signalId = await insertId(db, 'signals', { media_id: mediaId, type: 'pdq', value: m.sha256 });
    await insertId(db, 'links', {
      agency_id: other,
      from_kind: 'media',
      from_id: mediaId,
      to_kind: 'series',
      to_id: seriesId,
      relation: SERIES_MEMBER_RELATION,
      created_at: T,
    });
    const media = { sightedBy: [] as number[], inSeries: [scope] };
    out.push(
      { label, kind: 'series', id: seriesId, record: { kind: 'series', ...scope } },
      { label, kind: 'hash_set', id: setId, record: { kind: 'hash_set', ...scope } },
      { label, kind: 'hash_set_entry', id: entryId, record: { kind: 'hash_set_entry', ...scope } },
      { label, kind: 'media', id: mediaId, record: { kind: 'media', ...media } },
      { label, kind: 'signal', id: signalId, record: { kind: 'signal', ...media } },
    );
  }
  return out;
}

async function seed(db: Kysely<VigilSchema>, dialect: DialectName): Promise<Fixture> {
  const agencies = new AgencyRepository(db);
  const ownAgency = await agencies.create({ countryCode: 'NL', name: 'Matrix own' });
  const otherAgency = await agencies.create({ countryCode: 'CA', name: 'Matrix other' });
  const actors: Actor[] = [];
  for (const role of ROLES) {
    const user = await agencies.createUser({
      agencyId: ownAgency.id,
      username: `matrix-${role}`,
      displayName: role,
      roles: [role],
    });
    actors.push({ userId: user.id, agencyId: user.agencyId, roles: user.roles });
  }
  const ownAuthor = actors[0].userId ?? 0;
  const otherUser = await agencies.createUser({
    agencyId: otherAgency.id,
    username: 'matrix-other',
    displayName: 'other',
    roles: ['analyst'],
  });
  const own = await seedAgency(db, dialect, ownAgency.id, ownAuthor, 'own', 1);
  const other = await seedAgency(db, dialect, otherAgency.id, otherUser.id, 'other', 3);
  const scheme = await db.selectFrom('category_schemes').select('id').orderBy('id').executeTakeFirstOrThrow();
  const rows = {} as Fixture['rows'];
  for (const kind of ACCESS_KINDS) {
    if (kind === 'agency') rows[kind] = { own: ownAgency.id, other: otherAgency.id };
    else if (kind === 'user') rows[kind] = { own: ownAuthor, other: otherUser.id };
    else if (kind === 'category_scheme') rows[kind] = { own: scheme.id, other: scheme.id };
    else rows[kind] = { own: own[kind], other: other[kind] };
  }
  const shared = await seedShared(db, otherAgency.id, ownAgency.id);
  return { rows, shared, actors, own: ownAgency.id, other: otherAgency.id };
}

describeEachDialect('authorisation matrix', (suite) => {
  let fx: Fixture;
  before(async () => {
    fx = await seed(suite.database.db, suite.dialect);
  });

  async function sqlAllows(actor: Actor, action: Action, kind: AccessKind, id: number): Promise<boolean> {
    const table = KIND_TABLES[kind];
    const key = kind === 'audit_event' ? 'seq' : 'id';
    // biome-ignore lint/suspicious/noExplicitAny: the table varies with the kind under test.
    const db = suite.database.db as Kysely<any>;
    const found = await db
      .selectFrom(table)
      .select(`${table}.${key}`)
      .where(`${table}.${key}`, '=', id)
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      .where(scopeWhere(actor, action, kind) as any)
      .executeTakeFirst();
    return found !== undefined;
  }

  test('every kind x role x action x own/other agency: expectation = decide() = SQL', async () => {
    let cells = 0;
    for (const kind of ACCESS_KINDS) {
      for (const actor of fx.actors) {
        const role = actor.roles[0];
        for (const action of ACTIONS) {
          for (const whose of ['own', 'other'] as const) {
            const agency = whose === 'own' ? fx.own : fx.other;
            const where = `${role} ${action} ${whose} ${kind}`;
            const pure = decide(actor, action, describeRecord(kind, agency));
            assert.equal(pure.allowed, expectedAllowed(kind, whose, action, role), `${where}: ${pure.reason}`);
            assert.equal(await sqlAllows(actor, action, kind, fx.rows[kind][whose]), pure.allowed, `${where} in SQL`);
            cells++;
          }
        }
      }
    }
    assert.equal(cells, ACCESS_KINDS.length * ROLES.length * ACTIONS.length * 2);
  });

  test('sharing levels and media reached through a series: decide() = SQL for every role', async () => {
    let allowedSomewhere = 0;
    for (const { label, kind, id, record } of fx.shared) {
      for (const actor of fx.actors) {
        for (const action of ACTIONS) {
          const pure = decide(actor, action, record);
          const inSql = await sqlAllows(actor, action, kind, id);
          assert.equal(inSql, pure.allowed, `${actor.roles[0]} ${action} ${kind} (${label}): ${pure.reason}`);
          if (pure.allowed) allowedSomewhere++;
        }
      }
    }
    assert.ok(allowedSomewhere > 0);
  });

  test('a list query returns exactly what the policy allows (no load-then-filter)', async () => {
    const viewer = fx.actors.find((a) => a.roles[0] === 'viewer') as Actor;
    const partner = fx.actors.find((a) => a.roles[0] === 'partner') as Actor;
    const series = await suite.database.db
      .selectFrom('series')
      .select(['series.title'])
      .where(scopeWhere(viewer, 'read', 'series'))
      .orderBy('series.id')
      .execute();
    assert.deepEqual(
      series.map((s) => s.title),
      ['own', 'all', 'restricted, named own', 'hash_only, named own'],
    );
    const partnerSignals = await suite.database.db
      .selectFrom('signals')
      .select('signals.id')
      .where(scopeWhere(partner, 'read', 'signal'))
      .execute();
    const expected = fx.shared.filter((s) => s.kind === 'signal' && decide(partner, 'read', s.record).allowed);
    assert.deepEqual(partnerSignals.map((s) => s.id).sort(), expected.map((s) => s.id).sort());
    assert.equal(expected.length, 3, 'all, hash_only and hash_only-named go to partners; restricted does not');
    const partnerMedia = await suite.database.db
      .selectFrom('media')
      .select('media.id')
      .where(scopeWhere(partner, 'read', 'media'))
      .execute();
    assert.deepEqual(partnerMedia, []);
  });
});
