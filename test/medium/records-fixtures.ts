/**
 * Shared set-up for the record repositories' medium tests: an assertion for typed errors, and
 * fresh agencies, users, a case and media (benign, generated) in a suite's database. Names carry
 * a counter, since the tests of a suite share one database.
 */
import assert from 'node:assert/strict';
import type { Agency, User } from '../../src/domain/agency.record.js';
import { AppError, type AppErrorCode } from '../../src/domain/app-error.js';
import type { Case } from '../../src/domain/case.record.js';
import type { Media } from '../../src/domain/media.record.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import type { VigilDatabase } from '../../src/storage/database.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { fakeMedia } from '../support/fake-media.js';

/** For assert.rejects: the error is an AppError with this code. */
export const isCode = (code: AppErrorCode) => (err: unknown) => {
  assert.ok(AppError.is(err, code), `expected AppError ${code}, got ${String(err)}`);
  return true;
};

let counter = 0;

export interface World {
  /** Three unrelated agencies. */
  a: Agency;
  b: Agency;
  c: Agency;
  /** An analyst of each. */
  userA: User;
  userB: User;
  userC: User;
  caseA: Case;
  /** Two media, no owner (media are shared content; records about them are owned). */
  m1: Media;
  m2: Media;
}

export async function makeWorld(database: VigilDatabase, tag: string): Promise<World> {
  const n = ++counter;
  const agencies = new AgencyRepository(database.db);
  const [a, b, c] = await Promise.all(
    ['A', 'B', 'C'].map((x) => agencies.create({ countryCode: 'XI', name: `${tag} ${x} ${n}` })),
  );
  const user = (agency: Agency, x: string) =>
    agencies.createUser({ agencyId: agency.id, username: `${tag}-${x}-${n}`, displayName: x, roles: ['analyst'] });
  const [userA, userB, userC] = await Promise.all([user(a, 'a'), user(b, 'b'), user(c, 'c')]);
  const caseA = await new CaseRepository(database.db).createCase({
    agencyId: a.id,
    reference: `${tag}-${n}`,
    title: tag,
  });
  const media = new MediaRepository(database.db, database.dialect);
  const { signals: _s1, ...first } = fakeMedia(n, `${tag}-1`);
  const { signals: _s2, ...second } = fakeMedia(n, `${tag}-2`);
  const m1 = await media.insert(first);
  const m2 = await media.insert(second);
  return { a, b, c, userA, userB, userC, caseA, m1, m2 };
}
