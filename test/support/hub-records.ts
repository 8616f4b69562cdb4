/**
 * Records for the hub's HTTP tests and matrix cases, made straight through the repositories (fast,
 * and independent of the routes under test): media held by an agency (a case, an exhibit, a
 * sighting), series, victims, places, matches. Benign generated digests; names carry a counter
 * because the tests of a suite share one database.
 */
import type { SharingLevel } from '../../src/domain/sharing.record.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { PersonRepository } from '../../src/storage/person.repository.js';
import { PlaceRepository } from '../../src/storage/place.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { fakeMedia } from './fake-media.js';
import type { ServerSuite } from './http-harness.js';

let counter = 0;
const next = () => ++counter;

const db = (suite: ServerSuite) => suite.vigil.database.db;

/** A new media with a sighting in an exhibit of a new case of the agency. */
export async function heldMedia(suite: ServerSuite, agencyId: number): Promise<number> {
  const n = next();
  const cases = new CaseRepository(db(suite));
  const c = await cases.createCase({ agencyId, reference: `hub-case-${n}`, title: 'Test case' });
  const exhibit = await cases.createExhibit({ caseId: c.id, label: `exhibit ${n}` });
  const media = new MediaRepository(db(suite), suite.vigil.database.dialect);
  const { signals: _signals, ...item } = fakeMedia(n, `hub-${process.pid}`);
  const row = await media.insert(item);
  await media.addSighting({ mediaId: row.id, exhibitId: exhibit.id, path: `item-${n}.jpg` });
  return row.id;
}

/** Another sighting of an existing media, by another agency. */
export async function alsoHeldBy(suite: ServerSuite, mediaId: number, agencyId: number): Promise<void> {
  const n = next();
  const cases = new CaseRepository(db(suite));
  const c = await cases.createCase({ agencyId, reference: `hub-case-${n}`, title: 'Test case' });
  const exhibit = await cases.createExhibit({ caseId: c.id, label: `exhibit ${n}` });
  await new MediaRepository(db(suite), suite.vigil.database.dialect).addSighting({
    mediaId,
    exhibitId: exhibit.id,
    path: `item-${n}.jpg`,
  });
}

export async function aSeries(
  suite: ServerSuite,
  agencyId: number,
  options: { sharing?: SharingLevel; sharedWith?: number[]; media?: number[] } = {},
): Promise<number> {
  const n = next();
  const s = await new SeriesRepository(db(suite)).create({
    agencyId,
    reference: `HUB-S-${n}`,
    title: `Series ${n}`,
    sharing: options.sharing,
    sharedWith: options.sharedWith,
  });
  if (options.media?.length) await new SeriesMemberRepository(db(suite)).add(s.id, agencyId, options.media, null);
  return s.id;
}

export async function aPerson(suite: ServerSuite, kind: 'victim' | 'offender', agencyId: number): Promise<number> {
  return (await new PersonRepository(db(suite)).create({ kind, agencyId, reference: `HUB-${kind}-${next()}` })).id;
}

export async function aPlace(suite: ServerSuite, agencyId: number): Promise<number> {
  return (await new PlaceRepository(db(suite)).createPlace({ agencyId, name: `Place ${next()}` })).id;
}

export async function aClue(suite: ServerSuite, agencyId: number, mediaId: number): Promise<number> {
  return (await new PlaceRepository(db(suite)).createClue({ agencyId, mediaId, kind: 'object', description: 'A lamp' }))
    .id;
}

/** A pending match of the agency: its media against another media. */
export async function aMatch(
  suite: ServerSuite,
  agencyId: number,
  mediaId: number,
  otherMediaId: number,
  kind: 'exact' | 'pdq' = 'pdq',
): Promise<number> {
  const repo = new MatchRepository(db(suite), suite.vigil.database.dialect);
  return (await repo.create({ agencyId, mediaId, target: { otherMediaId }, kind, distance: kind === 'pdq' ? 8 : null }))
    .id;
}
