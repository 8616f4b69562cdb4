import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectedAllowed } from '../../test/support/access-expectations.js';
import { ROLES, type Role } from '../domain/agency.record.js';
import type { SharingLevel } from '../domain/sharing.record.js';
import {
  ACCESS_KINDS,
  ACTIONS,
  type AccessKind,
  type AccessRecord,
  type Actor,
  type SharedScope,
} from './access-record.js';
import { decide } from './policy.js';
import { AUDITED_READ_KINDS, RULES } from './policy-rules.js';

const OWN = 1;
const OTHER = 2;
const THIRD = 3;
const actor = (roles: Role[], agencyId = OWN): Actor => ({ userId: 10, agencyId, roles });
const scope = (
  ownerAgencyId: number,
  sharing: SharingLevel = 'restricted',
  sharedWith: number[] = [],
): SharedScope => ({
  ownerAgencyId,
  sharing,
  sharedWith,
});

/** A record of `agency`, not shared with anyone else. */
function recordOf(kind: AccessKind, agency: number): AccessRecord {
  switch (kind) {
    case 'agency':
      return { kind, id: agency };
    case 'category_scheme':
      return { kind };
    case 'series':
    case 'hash_set':
    case 'hash_set_entry':
      return { kind, ...scope(agency) };
    case 'media':
    case 'signal':
      return { kind, sightedBy: [agency], inSeries: [] };
    case 'note':
      return { kind, ownerAgencyId: agency, visibleTo: [] };
    case 'audit_event':
      return { kind, actorAgencyId: agency, recordAgencyId: agency };
    default:
      return { kind, ownerAgencyId: agency };
  }
}

describe('access policy', () => {
  test('the whole matrix: every kind x role x action x own/other agency', () => {
    let checked = 0;
    for (const kind of ACCESS_KINDS) {
      for (const role of ROLES) {
        for (const action of ACTIONS) {
          for (const [whose, agency] of [
            ['own', OWN],
            ['other', OTHER],
          ] as const) {
            const got = decide(actor([role]), action, recordOf(kind, agency));
            const want = expectedAllowed(kind, whose, action, role);
            assert.equal(got.allowed, want, `${role} ${action} ${whose} ${kind}: ${got.reason}`);
            assert.ok(got.reason.length > 0);
            checked++;
          }
        }
      }
    }
    assert.equal(checked, ACCESS_KINDS.length * ROLES.length * 3 * 2);
    assert.deepEqual(Object.keys(RULES).sort(), [...ACCESS_KINDS].sort());
  });

  test('no role, no access; a partner key with a law-enforcement role is still a partner', () => {
    for (const kind of ACCESS_KINDS) {
      for (const action of ACTIONS) assert.equal(decide(actor([]), action, recordOf(kind, OWN)).allowed, false);
    }
    const mixed = actor(['partner', 'admin']);
    assert.equal(decide(mixed, 'read', recordOf('media', OWN)).allowed, false);
    assert.equal(decide(mixed, 'read', recordOf('case', OWN)).allowed, false);
    assert.match(decide(mixed, 'read', recordOf('media', OWN)).reason, /partners get hashes only/);
  });

  test('series shared with all: every agency reads it and its media; only the owner writes', () => {
    const series = { kind: 'series', ...scope(OTHER, 'all') } as const;
    assert.equal(decide(actor(['viewer']), 'read', series).allowed, true);
    assert.equal(decide(actor(['analyst']), 'export', series).allowed, true);
    assert.equal(decide(actor(['analyst']), 'write', series).allowed, false);
    assert.equal(decide(actor(['partner']), 'read', series).allowed, false);
    const media = { kind: 'media', sightedBy: [OTHER], inSeries: [scope(OTHER, 'all')] } as const;
    assert.equal(decide(actor(['viewer']), 'read', media).allowed, true);
    assert.equal(decide(actor(['analyst']), 'write', media).allowed, false);
    assert.equal(decide(actor(['partner']), 'read', media).allowed, false);
    const signal = { ...media, kind: 'signal' } as const;
    assert.equal(decide(actor(['partner']), 'read', signal).allowed, true);
    assert.equal(decide(actor(['partner']), 'export', signal).allowed, true);
  });

  test('hash-only: hashes to every agency and to partners, never the record or the media', () => {
    const hashOnly = scope(OTHER, 'hash_only');
    assert.equal(decide(actor(['viewer']), 'read', { kind: 'series', ...hashOnly }).allowed, false);
    assert.equal(decide(actor(['viewer']), 'read', { kind: 'hash_set', ...hashOnly }).allowed, false);
    assert.equal(decide(actor(['viewer']), 'read', { kind: 'hash_set_entry', ...hashOnly }).allowed, true);
    assert.equal(decide(actor(['partner']), 'read', { kind: 'hash_set_entry', ...hashOnly }).allowed, true);
    assert.equal(decide(actor(['partner']), 'export', { kind: 'hash_set_entry', ...hashOnly }).allowed, true);
    const inSeries = { sightedBy: [OTHER], inSeries: [hashOnly] };
    assert.equal(decide(actor(['viewer']), 'read', { kind: 'media', ...inSeries }).allowed, false);
    assert.equal(decide(actor(['viewer']), 'read', { kind: 'signal', ...inSeries }).allowed, true);
    assert.equal(decide(actor(['partner']), 'read', { kind: 'signal', ...inSeries }).allowed, true);
    assert.equal(decide(actor(['partner']), 'read', { kind: 'media', ...inSeries }).allowed, false);
  });

  test('restricted to named agencies: named ones read, others and partners do not', () => {
    const named = scope(OTHER, 'restricted', [OWN]);
    for (const kind of ['series', 'hash_set', 'hash_set_entry'] as const) {
      assert.equal(decide(actor(['viewer'], OWN), 'read', { kind, ...named }).allowed, true, kind);
      assert.equal(decide(actor(['viewer'], THIRD), 'read', { kind, ...named }).allowed, false, kind);
      assert.equal(decide(actor(['partner'], THIRD), 'read', { kind, ...named }).allowed, false, kind);
      assert.equal(decide(actor(['analyst'], OWN), 'write', { kind, ...named }).allowed, false, kind);
    }
    const media = { sightedBy: [OTHER], inSeries: [named] };
    assert.equal(decide(actor(['viewer'], OWN), 'read', { kind: 'media', ...media }).allowed, true);
    assert.equal(decide(actor(['viewer'], THIRD), 'read', { kind: 'media', ...media }).allowed, false);
    assert.equal(decide(actor(['partner'], THIRD), 'read', { kind: 'signal', ...media }).allowed, false);
  });

  test('a media sighted by two agencies is held, and writable, by both', () => {
    const media = { kind: 'media', sightedBy: [OTHER, OWN], inSeries: [] } as const;
    assert.equal(decide(actor(['analyst']), 'write', media).allowed, true);
    assert.equal(decide(actor(['viewer'], THIRD), 'read', media).allowed, false);
  });

  test('notes reach the agencies named for them; audit events reach both sides', () => {
    const note = { kind: 'note', ownerAgencyId: OTHER, visibleTo: [OWN] } as const;
    assert.equal(decide(actor(['viewer']), 'read', note).allowed, true);
    assert.equal(decide(actor(['viewer'], THIRD), 'read', note).allowed, false);
    assert.equal(decide(actor(['analyst']), 'write', note).allowed, false);
    const byOther = { kind: 'audit_event', actorAgencyId: OTHER, recordAgencyId: OWN } as const;
    assert.equal(decide(actor(['auditor']), 'read', byOther).allowed, true);
    assert.equal(decide(actor(['auditor'], OTHER), 'read', byOther).allowed, true);
    assert.equal(decide(actor(['auditor'], THIRD), 'read', byOther).allowed, false);
    assert.equal(decide(actor(['admin']), 'write', byOther).allowed, false);
  });

  test('reads of media and personal data are the audited ones', () => {
    for (const kind of ['media', 'victim', 'offender', 'sighting'] as const) assert.ok(AUDITED_READ_KINDS.has(kind));
    assert.equal(AUDITED_READ_KINDS.has('category_scheme'), false);
  });
});
