/**
 * Made-up VICS JSON for tests and the bench: entries with benign names (`sample-0001.jpg`),
 * hashes derived from a counter (not digests of anything), and the files around them in 1.x or
 * 2.0 form, as a hash set or a case export. Nothing here comes from a real case.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { emptyVicsMedia, type VicsMedia } from '../../src/formats/vics/vics-media.js';

/** 8 hex digits from a counter and a salt, well mixed. */
function hex8(n: number, salt: number): string {
  let x = (n + 1) * 0x9e3779b1 + salt * 0x85ebca6b;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return ((x ^ (x >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

export function fakeHex(n: number, digits: number, salt = 0): string {
  let s = '';
  for (let k = 0; s.length < digits; k++) s += hex8(n, salt * 31 + k);
  return s.slice(0, digits);
}

/** One Media entry as a VICS writer would put it (PascalCase fields). */
export function sampleEntry(i: number): Record<string, unknown> {
  const name = `sample-${String(i + 1).padStart(4, '0')}.jpg`;
  return {
    MediaID: i + 1,
    Category: i % 5,
    MD5: fakeHex(i, 32, 1).toUpperCase(),
    SHA1: fakeHex(i, 40, 2),
    MediaSize: 1000 + (i % 9000),
    DateUpdated: '2024-01-02T03:04:05Z',
    MimeType: 'image/jpeg',
    RelativeFilePath: `export/${name}`,
    IsPrecategorized: false,
    VictimIdentified: i % 7 === 0,
    MediaFiles: [{ FileName: name, FilePath: 'C:\\samples\\set-a', Created: '2023-05-06T07:08:09Z' }],
    AlternativeHashes: [{ HashName: 'PDQ', HashValue: fakeHex(i, 64, 3) }],
  };
}

/** A case export's entry: the sample entry with its SHA-256 (so it makes a media record) and, for one in ten, a series. */
export function caseEntry(i: number): Record<string, unknown> {
  const e = sampleEntry(i);
  const hashes = [...(e.AlternativeHashes as object[]), { HashName: 'SHA256', HashValue: fakeHex(i, 64, 4) }];
  return { ...e, AlternativeHashes: hashes, ...(i % 10 === 0 ? { Series: `SERIES-${i % 37}` } : {}) };
}

export type FixtureForm = { version: '1.3' | '2.0'; flavour?: 'US' | 'UK'; cases?: boolean };

export function contextLine(form: FixtureForm): string {
  const set = form.cases ? 'Cases' : 'Media';
  if (form.version === '1.3') return `"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#${set}"`;
  const flavour = form.flavour ? `/${form.flavour}` : '';
  return `"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml${flavour}/$metadata#${set}"`;
}

/** A whole file around the given entries' JSON texts. */
export function vicsText(entries: readonly string[], form: FixtureForm, caseFields = '"CaseNumber":"TEST-1"'): string {
  const list = entries.join(',\n');
  if (!form.cases) return `{${contextLine(form)},"value":[\n${list}\n]}`;
  return `{${contextLine(form)},"value":[{${caseFields},"Media":[\n${list}\n]}]}`;
}

/** Writes a file of `n` sample entries (streamed, so any size) and returns its byte size. */
export async function writeVicsFixture(
  path: string,
  n: number,
  form: FixtureForm,
  entry: (i: number) => Record<string, unknown> = sampleEntry,
): Promise<number> {
  const out = createWriteStream(path);
  const [head, tail] = vicsText(['\u0000'], form).split('\u0000');
  let piece = head;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    piece += `${i === 0 ? '' : ',\n'}${JSON.stringify(entry(i))}`;
    if (piece.length > 1 << 20) {
      bytes += Buffer.byteLength(piece);
      if (!out.write(piece)) await once(out, 'drain');
      piece = '';
    }
  }
  piece += tail;
  bytes += Buffer.byteLength(piece);
  out.end(piece);
  await once(out, 'finish');
  return bytes;
}

/** The normalised form of `sampleEntry(i)`, built directly (for writing benches and tests). */
export function sampleMedia(i: number): VicsMedia {
  const name = `sample-${String(i + 1).padStart(4, '0')}.jpg`;
  return {
    ...emptyVicsMedia(),
    mediaId: i + 1,
    category: String(i % 5),
    md5: fakeHex(i, 32, 1),
    sha1: fakeHex(i, 40, 2),
    mediaSize: 1000 + (i % 9000),
    dateUpdated: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    mimeType: 'image/jpeg',
    relativeFilePath: `export/${name}`,
    isPrecategorized: false,
    victimIdentified: i % 7 === 0,
    mediaFiles: [
      {
        fileName: name,
        filePath: 'C:\\samples\\set-a',
        created: new Date(Date.UTC(2023, 4, 6, 7, 8, 9)),
        written: null,
        accessed: null,
        unallocated: null,
        deleted: null,
        physicalLocation: null,
        extra: {},
      },
    ],
    alternativeHashes: [{ hashName: 'PDQ', hashValue: fakeHex(i, 64, 3), extra: {} }],
  };
}
