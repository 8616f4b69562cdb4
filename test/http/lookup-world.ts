/**
 * Records for the lookup tests (benign, generated hashes): two agencies; media the own agency
 * sighted, media only the other agency sighted, a media in the other agency's series shared
 * `hash_only`, and hash sets of the other agency at each sharing level plus one of the own
 * agency's, each with one entry (digests and a PDQ) carrying a Project VIC category.
 */
import { randomBytes } from 'node:crypto';
import type { HashSetEntry } from '../../src/domain/hash-set.record.js';
import type { SharingLevel } from '../../src/domain/sharing.record.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { LinkRepository } from '../../src/storage/link.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import type { ServerSuite } from '../support/http-harness.js';

export const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export interface StoredMedia {
  id: number;
  md5: string;
  sha1: string;
  sha256: string;
  pdq: string;
}

export interface StoredEntry extends Omit<HashSetEntry, 'md5' | 'sha1' | 'sha256' | 'pdq'> {
  md5: string;
  sha1: string;
  sha256: string;
  pdq: string;
  setName: string;
}

export interface LookupWorld {
  own: number;
  other: number;
  /** Sighted by the own agency. */
  ownMedia: StoredMedia;
  /** Sighted by the other agency only, in no series. */
  otherMedia: StoredMedia;
  /** Sighted by the other agency, member of its series shared hash_only. */
  hashOnlyMedia: StoredMedia;
  hashOnlySeriesId: number;
  /** Entries of the other agency's sets by sharing level, and of an own restricted set. */
  entries: Record<SharingLevel | 'own', StoredEntry>;
}

/** `bits` leading bits of a PDQ hex value flipped (a near-duplicate at that distance). */
export function flipBits(pdq: string, bits: number): string {
  const digits = pdq.split('');
  for (let b = 0; b < bits; b++) {
    const at = Math.floor(b / 4);
    digits[at] = (Number.parseInt(digits[at], 16) ^ (8 >> (b % 4))).toString(16);
  }
  return digits.join('');
}

export async function storeMedia(suite: ServerSuite, agencyId: number, pdq = hex(32)): Promise<StoredMedia> {
  const db = suite.vigil.database.db;
  const cases = new CaseRepository(db);
  const kase = await cases.createCase({ agencyId, reference: `case-${hex(4)}`, title: 'Lookup test case' });
  const exhibit = await cases.createExhibit({ caseId: kase.id, label: 'exhibit 1' });
  const media = { md5: hex(16), sha1: hex(20), sha256: hex(32), pdq };
  const repo = new MediaRepository(db, suite.vigil.database.dialect);
  const [stored] = await repo.insertMany([{ ...media, size: 1, signals: [{ type: 'pdq', value: pdq, quality: 90 }] }]);
  await repo.addSighting({ mediaId: stored.mediaId, exhibitId: exhibit.id, path: 'folder/file.jpg' });
  return { id: stored.mediaId, ...media };
}

export async function storeEntry(
  suite: ServerSuite,
  agencyId: number,
  sharing: SharingLevel,
  categoryCode = '1',
): Promise<StoredEntry> {
  const db = suite.vigil.database.db;
  const category = await new CategoryRepository(db).findValue('projectvic_us', categoryCode);
  const set = await new HashSetRepository(db).create({
    agencyId,
    name: `set-${sharing}-${hex(4)}`,
    source: 'lookup test',
    sharing,
  });
  const hashes = { md5: hex(16), sha1: hex(20), sha256: hex(32), pdq: hex(32) };
  const entry = await new HashSetEntryRepository(db, suite.vigil.database.dialect).add(set.id, agencyId, {
    ...hashes,
    categoryValueId: category?.id ?? null,
    seriesLabel: 'Series label of the list',
  });
  return { ...entry, ...hashes, setName: set.name };
}

export async function makeLookupWorld(suite: ServerSuite): Promise<LookupWorld> {
  const own = await suite.addAgency('Lookup own unit');
  const other = await suite.addAgency('Lookup other unit');
  const ownMedia = await storeMedia(suite, own);
  const otherMedia = await storeMedia(suite, other);
  const hashOnlyMedia = await storeMedia(suite, other);
  const db = suite.vigil.database.db;
  const series = await new SeriesRepository(db).create({
    agencyId: other,
    reference: `S-${hex(3)}`,
    title: 'Hash-only series',
    sharing: 'hash_only',
  });
  await new LinkRepository(db).create({
    agencyId: other,
    from: { kind: 'media', id: hashOnlyMedia.id },
    to: { kind: 'series', id: series.id },
    relation: 'member',
  });
  const entries = {
    restricted: await storeEntry(suite, other, 'restricted', '1'),
    hash_only: await storeEntry(suite, other, 'hash_only', '2'),
    all: await storeEntry(suite, other, 'all', '3'),
    own: await storeEntry(suite, own, 'restricted', '4'),
  };
  await suite.vigil.pdqIndex.refresh();
  return { own, other, ownMedia, otherMedia, hashOnlyMedia, hashOnlySeriesId: series.id, entries };
}

/** A multipart/form-data body with text fields and one file part named `file`, and the headers to send it. */
export function multipartFile(
  bytes: Buffer,
  filename = 'picture.png',
  contentType = 'image/png',
  fields: Record<string, string> = {},
) {
  const boundary = `----vigil${hex(8)}`;
  const texts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    `${texts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const payload = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
