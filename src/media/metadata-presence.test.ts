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
