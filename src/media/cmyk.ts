/**
 * CMYK → RGB the way ImageMagick 6 (Q16) does it for the PDQ reference: no colour profile,
 * R = (1 − C)(1 − K) at 16-bit precision, rounded, then scaled to 8 bits. Input samples are ink
 * amounts (0 = no ink), as libvips delivers them after undoing Adobe's inversion.
 */
const TABLE = buildTable();

function buildTable(): Uint8Array {
  const t = new Uint8Array(256 * 256);
  for (let c = 0; c < 256; c++) {
    for (let k = 0; k < 256; k++) {
      const q16 = Math.floor(((255 - c) * 257 * (255 - k) * 257) / 65535 + 0.5);
      t[c * 256 + k] = (q16 + 128 - ((q16 + 128) >> 8)) >> 8;
    }
  }
  return t;
}

export function cmykToRgb(cmyk: Uint8Array, channels: number): Uint8Array {
  const n = Math.floor(cmyk.length / channels);
  const out = new Uint8Array(n * 3);
  for (let i = 0, s = 0, o = 0; i < n; i++, s += channels, o += 3) {
    const k = cmyk[s + 3];
    out[o] = TABLE[cmyk[s] * 256 + k];
    out[o + 1] = TABLE[cmyk[s + 1] * 256 + k];
    out[o + 2] = TABLE[cmyk[s + 2] * 256 + k];
  }
  return out;
}
