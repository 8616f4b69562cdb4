/**
 * Metadata read by the real ExifTool from pictures generated here (sharp writes the EXIF and XMP),
 * and from the conformance set's phone photos read in place. Values are asserted exactly.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { AppError } from '../domain/app-error.js';
import { EMPTY_METADATA } from './media-metadata.js';
import { closeMetadataReader, MetadataReader, readMetadata } from './metadata.js';

const ROTN = join(import.meta.dirname, '../../../shared/conformance/pdq/reg-test-input/exif-rotn');

const pattern = () =>
  sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 30, g: 120, b: 200 } } }).composite([
    { input: { create: { width: 32, height: 32, channels: 3, background: '#fe3' } }, left: 8, top: 8 },
  ]);

const CAMERA_EXIF = {
  IFD0: { Make: 'Vigil Test', Model: 'Pattern Cam 1', Software: 'vigil-fixtures 1.0' },
  IFD2: {
    DateTimeOriginal: '2024:05:01 12:34:56',
    SubSecTimeOriginal: '25',
    OffsetTimeOriginal: '+02:00',
    BodySerialNumber: 'SN-000123',
    LensModel: 'Test Lens 35mm',
    LensSerialNumber: 'LS-987',
  },
  IFD3: {
    GPSLatitudeRef: 'S',
    GPSLatitude: '33/1 51/1 3150/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '151/1 12/1 3000/100',
    GPSAltitudeRef: '0',
    GPSAltitude: '585/10',
  },
};

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" tiff:Make="XmpMake" tiff:Model="XmpModel" aux:SerialNumber="XSN-42" aux:LensSerialNumber="XLS-7" exif:DateTimeOriginal="2023-07-14T08:15:30.5-04:00" exif:GPSLatitude="40,26.767N" exif:GPSLongitude="79,58.933W" exif:GPSAltitude="2500/10" exif:GPSAltitudeRef="1" xmp:CreatorTool="XmpTool 2"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

let dir: string;
const at = (name: string) => join(dir, name);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-metadata-test-'));
  await pattern().jpeg().withExif(CAMERA_EXIF).withMetadata({ orientation: 6 }).toFile(at('camera.jpg'));
  await pattern()
    .jpeg()
    .withExif({
      IFD0: { Make: 'Vigil Test', Model: 'No Zone' },
      IFD2: { DateTimeOriginal: '2021:03:04 05:06:07' },
      IFD3: CAMERA_EXIF.IFD3,
    })
    .toFile(at('no-zone.jpg'));
  await pattern()
    .png()
    .withExif({ IFD0: { Make: 'Png Maker', Model: 'P1' } })
    .toFile(at('exif.png'));
  await pattern().png().withXmp(XMP).toFile(at('xmp.png'));
  await pattern()
    .jpeg()
    .withExif({
      IFD0: { Make: 'Null Island' },
      IFD3: { ...CAMERA_EXIF.IFD3, GPSLatitude: '0/1 0/1 0/1', GPSLongitude: '0/1 0/1 0/1' },
    })
    .toFile(at('zero-gps.jpg'));
  await pattern().jpeg().toFile(at('bare.jpg'));
  const jpeg = readFileSync(at('bare.jpg'));
  writeFileSync(at('corrupt.jpg'), Buffer.concat([jpeg.subarray(0, 4), Buffer.alloc(400, 0x5a)]));
  writeFileSync(at('notes.txt'), 'A plain text file, not a picture.\n');
  writeFileSync(at('random.bin'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 251)));
  writeFileSync(at('empty.jpg'), Buffer.alloc(0));
});

after(async () => {
  await closeMetadataReader();
  rmSync(dir, { recursive: true, force: true });
});

describe('readMetadata', () => {
  it('reads camera, serials, lens, capture time with its zone, GPS, software, orientation and size', async () => {
    assert.deepEqual(await readMetadata(at('camera.jpg')), {
      cameraMake: 'Vigil Test',
      cameraModel: 'Pattern Cam 1',
      cameraSerial: 'SN-000123',
      lensModel: 'Test Lens 35mm',
      lensSerial: 'LS-987',
      capturedAt: {
        local: '2024-05-01T12:34:56.250',
        offsetMinutes: 120,
        epochMs: Date.parse('2024-05-01T10:34:56.250Z'),
        source: 'EXIF:DateTimeOriginal',
      },
      gps: { latitude: -33.85875, longitude: 151.208333333333, altitudeM: 58.5 },
      software: 'vigil-fixtures 1.0',
      orientation: 6,
      width: 96,
      height: 64,
    });
  });

  it('reads the same record from the bytes as from the path', async () => {
    assert.deepEqual(await readMetadata(readFileSync(at('camera.jpg'))), await readMetadata(at('camera.jpg')));
  });

  it('leaves the zone unknown when the file does not state it, even with GPS present', async () => {
    const m = await readMetadata(at('no-zone.jpg'));
    assert.deepEqual(m.capturedAt, {
      local: '2021-03-04T05:06:07',
      offsetMinutes: null,
      epochMs: null,
      source: 'EXIF:DateTimeOriginal',
    });
    assert.equal(m.gps?.latitude, -33.85875);
  });

  it('reads EXIF in PNG and XMP-only metadata (west longitude, altitude below sea level)', async () => {
    const png = await readMetadata(at('exif.png'));
    assert.equal(png.cameraMake, 'Png Maker');
    assert.equal(png.cameraModel, 'P1');
    assert.deepEqual(await readMetadata(at('xmp.png')), {
      cameraMake: 'XmpMake',
      cameraModel: 'XmpModel',
      cameraSerial: 'XSN-42',
      lensModel: null,
      lensSerial: 'XLS-7',
      capturedAt: {
        local: '2023-07-14T08:15:30.500',
        offsetMinutes: -240,
        epochMs: Date.parse('2023-07-14T12:15:30.500Z'),
        source: 'XMP:DateTimeOriginal',
      },
      gps: { latitude: 40.4461166666667, longitude: -79.9822166666667, altitudeM: -250 },
      software: 'XmpTool 2',
      orientation: null,
      width: 96,
      height: 64,
    });
  });

  it('drops a 0,0 position (no fix) but keeps the rest', async () => {
    const m = await readMetadata(at('zero-gps.jpg'));
    assert.equal(m.gps, null);
    assert.equal(m.cameraMake, 'Null Island');
  });

  it('gives all-null fields for a picture or a non-image without metadata', async () => {
    assert.deepEqual(await readMetadata(at('bare.jpg')), { ...EMPTY_METADATA, width: 96, height: 64 });
    assert.deepEqual(await readMetadata(at('notes.txt')), EMPTY_METADATA);
  });

  it('fails per file with a typed error, and goes on reading after it', async () => {
    const cases: Array<[string | Buffer, string]> = [
      [at('corrupt.jpg'), 'corrupt-image'],
      [at('random.bin'), 'unsupported-format'],
      [readFileSync(at('random.bin')), 'unsupported-format'],
      [at('empty.jpg'), 'empty-file'],
      [Buffer.alloc(0), 'empty-file'],
      [at('missing.jpg'), 'unreadable-file'],
      [dir, 'unreadable-file'],
    ];
    for (const [input, code] of cases) {
      await assert.rejects(readMetadata(input), (e: unknown) => AppError.is(e, code as never), String(input));
    }
    for (const [input] of cases) {
      await readMetadata(input).catch((e: AppError) => assert.ok(!String(e.message).includes(dir), e.message));
    }
    assert.equal((await readMetadata(at('camera.jpg'))).cameraSerial, 'SN-000123');
  });

  it('reads a file whose name ExifTool cannot be given (a line break in it)', async () => {
    const odd = at('line\nbreak.jpg');
    writeFileSync(odd, readFileSync(at('camera.jpg')));
    assert.equal((await readMetadata(odd)).cameraSerial, 'SN-000123');
  });
});

describe('MetadataReader', () => {
  it("serves many concurrent reads through a queue bounded at 2, each caller given its own file's record", async () => {
    const reader = new MetadataReader({ maxQueued: 2 });
    try {
      const files = ['camera.jpg', 'no-zone.jpg', 'exif.png', 'xmp.png', 'bare.jpg'].flatMap((f) => [f, f]);
      const results = await Promise.all(files.map((f) => reader.read(at(f))));
      assert.deepEqual(
        results.map((m) => m.cameraModel),
        ['Pattern Cam 1', 'Pattern Cam 1', 'No Zone', 'No Zone', 'P1', 'P1', 'XmpModel', 'XmpModel', null, null],
      );
    } finally {
      await reader.end();
    }
    await assert.rejects(reader.read(at('camera.jpg')), (e: unknown) => AppError.is(e, 'internal'));
  });
});

describe('readMetadata on the conformance phone photos', {
  skip: !existsSync(ROTN) && 'no ../shared/conformance',
}, () => {
  it('reads the Samsung EXIF and GPS, and no zone (the files state none)', async () => {
    const orientations: Array<number | null> = [];
    for (const n of [1, 3, 6, 8]) {
      const m = await readMetadata(join(ROTN, `exif-rotn-${n}.jpg`));
      assert.equal(m.cameraMake, 'samsung');
      assert.equal(m.cameraModel, 'SM-G930V');
      assert.equal(m.software, 'G930VVRS4BQI1');
      assert.deepEqual(m.gps, { latitude: 38.977935, longitude: -77.0232026944444, altitudeM: 0 });
      assert.equal(m.capturedAt?.offsetMinutes, null);
      assert.equal(m.capturedAt?.epochMs, null);
      assert.deepEqual([m.width, m.height], [4032, 3024]);
      orientations.push(m.orientation);
    }
    assert.deepEqual(orientations, [1, 3, 6, 8]);
    assert.equal((await readMetadata(join(ROTN, 'exif-rotn-1.jpg'))).capturedAt?.local, '2017-11-07T22:14:15');
  });
});
