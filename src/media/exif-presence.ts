/**
 * Whether an EXIF block (a TIFF structure: byte order, IFD0 and the IFDs chained after it) holds
 * any tag Vigil reads or any pointer to where one could be (the EXIF and GPS IFDs, maker notes,
 * XMP or IPTC inside TIFF). Image editors often write EXIF that holds only a resolution, a
 * thumbnail or nothing at all (GIMP: IFD0 with no entries): ExifTool finds nothing Vigil keeps
 * there, so a scan need not ask it. Allow-list: a tag not known to be plain, or any damage, is `true`.
 */

/**
 * TIFF tags of IFD0/IFD1 that carry nothing media-metadata.ts reads: resolution, thumbnail
 * pointers, pixel layout, ModifyDate (DateTime), Copyright, Artist, ImageDescription. Not here on
 * purpose: Make, Model, Orientation, Software, ImageWidth/Length (could size the picture), the
 * EXIF/GPS/Interop pointers, XMP (0x02bc), IPTC (0x83bb), Photoshop (0x8649).
 */
const PLAIN_TAGS = new Set([
  0x0102, 0x0103, 0x0106, 0x010e, 0x0115, 0x011a, 0x011b, 0x011c, 0x0128, 0x0132, 0x013b, 0x013e, 0x013f, 0x0201,
  0x0202, 0x0211, 0x0212, 0x0213, 0x0214, 0x8298,
]);

/** More chained IFDs than this is damage (a real file has IFD0 and a thumbnail's IFD1). */
const MAX_IFDS = 4;

/** `tiff[start, end)` is the TIFF structure (after "Exif\0\0" in a JPEG, the whole eXIf chunk in a PNG). */
export function exifMayHold(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 8 || end > b.length) return true;
  const order = String.fromCharCode(b[start], b[start + 1]);
  if (order !== 'II' && order !== 'MM') return true;
  const little = order === 'II';
  const u16 = (o: number) => (little ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1]);
  const u32 = (o: number) =>
    (little
      ? b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)
      : (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  if (u16(start + 2) !== 42) return true;
  const seen = new Set<number>();
  let ifd = u32(start + 4);
  for (let k = 0; ifd !== 0; k++) {
    if (k === MAX_IFDS || seen.has(ifd)) return true;
    seen.add(ifd);
    const at = start + ifd;
    if (at + 2 > end) return true;
    const count = u16(at);
    if (at + 2 + count * 12 + 4 > end) return true;
    for (let e = 0; e < count; e++) if (!PLAIN_TAGS.has(u16(at + 2 + e * 12))) return true;
    ifd = u32(at + 2 + count * 12);
  }
  return false;
}
