// Heat-map pixels for big feature maps: one palette lookup and one 32-bit store per value, into the Uint32 view of
// an ImageData buffer the caller reuses. A 1-megapixel map costs about a millisecond instead of tens (no per-pixel
// Math.round/min/max calls, no 4 separate byte stores, no new ImageData per frame).

/** An opaque RGBA pixel as a little-endian Uint32 (what a Uint32Array over ImageData.data holds). */
export function rgbaPixel(r: number, g: number, b: number): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * Writes `out[p] = palette[bucket(data[p])]`, bucket = round((v − lo)/(hi − lo)·(palette.length − 1)) clamped to the
 * palette. `data` and `out` have the same length (else throws "heatPixels: …"); a zero span maps everything to 0.
 */
export function heatPixels(
  data: ArrayLike<number>,
  lo: number,
  hi: number,
  palette: Uint32Array,
  out: Uint32Array,
): void {
  if (out.length !== data.length) throw new Error(`heatPixels: ${data.length} values but ${out.length} pixels`);
  const top = palette.length - 1;
  const scale = hi > lo ? top / (hi - lo) : 0;
  for (let p = 0; p < data.length; p++) {
    let i = ((data[p] - lo) * scale + 0.5) | 0;
    i = i < 0 ? 0 : i > top ? top : i;
    out[p] = palette[i];
  }
}
