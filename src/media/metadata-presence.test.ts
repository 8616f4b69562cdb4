import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { blobs } from '../../test/support/patterns.js';
import { EMPTY_METADATA } from './media-metadata.js';
import { closeMetadataReader, readMetadata } from './metadata.js';
import { mayHoldMetadata } from './metadata-presence.js';

const W = 96;
const H = 64;
const px = blobs(W, H, 3);
const picture = () => sharp(Buffer.from(px.data), { raw: { width: W, height: H, channels: px.channels } });
const EXIF = { IFD0: { Make: 'Vigil Test', Model: 'Pattern Cam 1' }, IFD2: { BodySerialNumber: 'SN-7' } };
const XMP =
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>Vigil Test Tool</xmp:CreatorTool></rdf:Description>' +
  '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';

after(async () => {
  await closeMetadataReader();
});

/** A JPEG segment: marker, big-endian length, payload. */
function segment(marker: number, payload: string): Buffer {
  const body = Buffer.from(payload, 'latin1');
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A TIFF structure (as in an EXIF block): each IFD a list of tags (SHORT values), chained in order. */
function tiff(ifds: number[][], order: 'II' | 'MM' = 'MM'): Buffer {
  const size = 8 + ifds.reduce((t, tags) => t + 2 + tags.length * 12 + 4, 0);
  const b = Buffer.alloc(size);
  const w16 = (v: number, o: number) => (order === 'II' ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  const w32 = (v: number, o: number) => (order === 'II' ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
  b.write(order, 0, 'latin1');
  w16(42, 2);
  w32(8, 4);
  let at = 8;
  ifds.forEach((tags, k) => {
    w16(tags.length, at);
    tags.forEach((tag, e) => {
      const entry = at + 2 + e * 12;
      w16(tag, entry);
      w16(3, entry + 2); // SHORT
      w32(1, entry + 4);
      w16(1, entry + 8);
    });
    const next = at + 2 + tags.length * 12 + 4;
    w32(k + 1 < ifds.length ? next : 0, next - 4);
    at = next;
  });
  return b;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** A PNG chunk with its CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

describe('mayHoldMetadata', () => {
  it('is false only where ExifTool finds nothing Vigil keeps (JPEG with ICC, PNG, WebP)', async () => {
    const plain = {
      jpeg: await picture().jpeg().toBuffer(),
      'jpeg with ICC': await picture().withIccProfile('srgb').jpeg().toBuffer(),
      png: await picture().png().toBuffer(),
      webp: await picture().webp().toBuffer(),
    };
    for (const [name, bytes] of Object.entries(plain)) {
      assert.equal(mayHoldMetadata(bytes), false, name);
      // What skipping ExifTool loses: nothing but the size, which the decoder gives.
      assert.deepEqual(await readMetadata(bytes), { ...EMPTY_METADATA, width: W, height: H }, name);
    }
  });

  it('is true wherever EXIF, XMP or IPTC could be, and ExifTool does find them there', async () => {
    const tagged = {
      'jpeg EXIF': await picture().jpeg().withExif(EXIF).toBuffer(),
      'png EXIF': await picture().png().withExif(EXIF).toBuffer(),
      'webp EXIF': await picture().webp().withExif(EXIF).toBuffer(),
      'jpeg XMP': await picture().jpeg().withXmp(XMP).toBuffer(),
      'png XMP': await picture().png().withXmp(XMP).toBuffer(),
      'webp XMP': await picture().webp().withXmp(XMP).toBuffer(),
    };
    for (const [name, bytes] of Object.entries(tagged)) {
      assert.equal(mayHoldMetadata(bytes), true, name);
      const m = await readMetadata(bytes);
      if (name.endsWith('EXIF')) assert.equal(m.cameraSerial, 'SN-7', name);
      else assert.equal(m.software, 'Vigil Test Tool', name);
    }
  });

  it('is false for EXIF and PNG text that hold nothing Vigil reads, as ExifTool agrees', async () => {
    const jpeg = await picture().jpeg().toBuffer();
    const png = await picture().png().toBuffer();
    const withExif = (block: Buffer) =>
      Buffer.concat([jpeg.subarray(0, 2), segment(0xe1, `Exif\0\0${block.toString('latin1')}`), jpeg.subarray(2)]);
    const withChunk = (type: string, text: string) =>
      Buffer.concat([png.subarray(0, 33), chunk(type, Buffer.from(text, 'latin1')), png.subarray(33)]);
    const RESOLUTION = [0x011a, 0x011b, 0x0128];
    const THUMBNAIL = [0x0103, 0x0201, 0x0202];
    const plain = {
      'EXIF with an empty IFD0 (as GIMP writes)': withExif(tiff([[]])),
      'EXIF with a resolution and a thumbnail': withExif(tiff([RESOLUTION, THUMBNAIL], 'II')),
      'PNG text: Software': withChunk('tEXt', 'Software\0an image editor'),
      'PNG text: Comment, compressed': withChunk('zTXt', 'Comment\0\0x'),
      'PNG eXIf with a resolution only': withChunk('eXIf', tiff([RESOLUTION]).toString('latin1')),
    };
    for (const [name, bytes] of Object.entries(plain)) {
      assert.equal(mayHoldMetadata(bytes), false, name);
      assert.deepEqual(await readMetadata(bytes), { ...EMPTY_METADATA, width: W, height: H }, name);
    }
    const MAKE = 0x010f;
    const ORIENTATION = 0x0112;
    const EXIF_IFD = 0x8769;
    assert.equal(mayHoldMetadata(withExif(tiff([[...RESOLUTION, MAKE]]))), true, 'Make in IFD0');
    assert.equal(mayHoldMetadata(withExif(tiff([RESOLUTION, [ORIENTATION]]))), true, 'Orientation in IFD1');
    assert.equal(mayHoldMetadata(withExif(tiff([[EXIF_IFD]]))), true, 'a pointer to the EXIF IFD');
    assert.equal(mayHoldMetadata(withChunk('tEXt', 'Raw profile type exif\0\nexif\n')), true, 'raw EXIF profile');
    assert.equal(mayHoldMetadata(withChunk('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0<x/>')), true, 'XMP');
    assert.equal(mayHoldMetadata(withChunk('tEXt', '\0no keyword')), true, 'a text chunk without a keyword');
    const damaged = {
      'not a byte order': Buffer.from('XX\0*\0\0\0\x08', 'latin1'),
      'not 42': Buffer.from('MM\0\x2b\0\0\0\x08', 'latin1'),
      'IFD0 past the end': Buffer.from('MM\0*\0\0\x01\0', 'latin1'),
      'entries past the end': tiff([RESOLUTION]).subarray(0, 20),
      'IFDs in a loop': (() => {
        const looped = tiff([RESOLUTION]);
        looped.writeUInt32BE(8, 8 + 2 + 3 * 12);
        return looped;
      })(),
    };
    for (const [name, block] of Object.entries(damaged)) assert.equal(mayHoldMetadata(withExif(block)), true, name);
  });

  it('is true for an IPTC or unfamiliar APP segment, for damage and for other formats', async () => {
    const jpeg = await picture().jpeg().toBuffer();
    const withSegment = (marker: number, payload: string) =>
      Buffer.concat([jpeg.subarray(0, 2), segment(marker, payload), jpeg.subarray(2)]);
    assert.equal(mayHoldMetadata(withSegment(0xed, 'Photoshop 3.0\0')), true, 'APP13 (IPTC)');
    assert.equal(mayHoldMetadata(withSegment(0xe3, 'META\0')), true, 'APP3');
    assert.equal(mayHoldMetadata(withSegment(0xe2, 'FPXR\0')), true, 'APP2 that is not ICC or MPF');
    assert.equal(mayHoldMetadata(withSegment(0xfe, 'a comment')), false, 'a comment holds nothing we read');
    assert.equal(mayHoldMetadata(jpeg.subarray(0, 40)), true, 'cut short before the scan');
    const bad = Buffer.from(jpeg);
    bad[2] = 0x00;
    assert.equal(mayHoldMetadata(bad), true, 'no marker where one must be');
    const png = await picture().png().toBuffer();
    assert.equal(mayHoldMetadata(png.subarray(0, png.length - 12)), true, 'PNG without its end');
    const webp = await picture().webp().toBuffer();
    assert.equal(mayHoldMetadata(webp.subarray(0, webp.length - 4)), true, 'WebP cut short');
    assert.equal(mayHoldMetadata(await picture().gif().toBuffer()), true, 'GIF: not walked');
    assert.equal(mayHoldMetadata(await picture().tiff().toBuffer()), true, 'TIFF: not walked');
    assert.equal(mayHoldMetadata(Buffer.alloc(0)), true, 'empty');
  });
});
