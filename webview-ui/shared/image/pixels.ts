// Decoded images as the views compute on them: samples at the file's own precision scaled to [0, 1], channels
// interleaved, alpha kept (and then ignored by the luma rule, as OpenCV's imread ignores it). Plus the two resamplings
// the views need: area averaging for photos above the size limit, and max-|value| pooling for showing a large output
// on a small canvas (a thin edge must not vanish). Pure: tested in Node.

import { WasmPool, blockEdges, pooledBuffers, type Pooled } from '../../../src/core/fast/pool';

/**
 * A decoded image: `samples: [h·w·channels]` as the file stores them (row-major, channels interleaved), each worth
 * `sample / max` in [0, 1] (max = 2^depth − 1). Kept in the file's own integer type: a 8000² RGB scan stays 192 MB.
 */
export interface DecodedImage {
  w: number;
  h: number;
  /** 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4;
  samples: Uint8Array | Uint8ClampedArray | Uint16Array;
  /** The largest sample value (255 for 8 bits, 65535 for 16). */
  max: number;
  /** How the file stores its pixels, for the caption: "PNG, 16-bit grayscale", "GIF, indexed (palette)". */
  format: string;
  /** Pixels whose alpha is below 1 (0 when the image has no alpha). */
  transparent: number;
  /** Set when the pixels could not be read as stored (e.g. a canvas read-back of a transparent WebP), saying how. */
  caveat?: string;
}

/** ITU-R BT.601 luma weights: Y = 0.299 R + 0.587 G + 0.114 B. */
export const LUMA = { r: 0.299, g: 0.587, b: 0.114 } as const;

/**
 * The rule the views state in their captions, and follow: gray by BT.601 luma on the stored colour; alpha is not
 * applied (a transparent pixel counts with the colour stored in it, as OpenCV's `imread` with IMREAD_GRAYSCALE and
 * PIL's `convert('L')` read it).
 */
export const GRAY_RULE =
  'X = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601 luma) of each pixel’s stored colour, in [0, 1] at the file’s bit depth; ' +
  'alpha is not applied (transparent pixels count with their stored colour, as OpenCV’s imread reads them)';

/** Grayscale intensities `[h·w]` in [0, 1] of `img` by the `GRAY_RULE`. */
export function toGray(img: DecodedImage): Float32Array {
  const { w, h, channels: n, samples } = img;
  const out = new Float32Array(w * h);
  const unit = 1 / img.max;
  if (n <= 2) {
    for (let i = 0; i < out.length; i++) out[i] = samples[i * n] * unit;
    return out;
  }
  const [r, g, b] = [LUMA.r * unit, LUMA.g * unit, LUMA.b * unit];
  for (let i = 0, p = 0; i < out.length; i++, p += n) out[i] = r * samples[p] + g * samples[p + 1] + b * samples[p + 2];
  return out;
}

/** Channel `c` (0 R, 1 G, 2 B of a colour image) as intensities `[h·w]` in [0, 1], alpha not applied. */
export function channelOf(img: DecodedImage, c: number): Float32Array {
  const out = new Float32Array(img.w * img.h);
  const unit = 1 / img.max;
  for (let i = 0, p = c; i < out.length; i++, p += img.channels) out[i] = img.samples[p] * unit;
  return out;
}

/** Sample `c` of pixel `i` in [0, 1]. */
export function sampleAt(img: DecodedImage, i: number, c: number): number {
  return img.samples[i * img.channels + c] / img.max;
}

/** How many pixels have alpha below 1 (channels 2 and 4 carry alpha last). */
export function countTransparent(data: ArrayLike<number>, channels: number, max: number): number {
  if (channels !== 2 && channels !== 4) return 0;
  let n = 0;
  for (let p = channels - 1; p < data.length; p += channels) if (data[p] < max) n++;
  return n;
}

/** Size after fitting `w×h` into `maxSide` on the longer side (never enlarged); sides rounded, at least 1. */
export function fitSize(w: number, h: number, maxSide: number): { w: number; h: number; scaled: boolean } {
  const s = Math.max(w, h) > maxSide ? maxSide / Math.max(w, h) : 1;
  if (s === 1) return { w, h, scaled: false };
  return { w: Math.max(1, Math.round(w * s)), h: Math.max(1, Math.round(h * s)), scaled: true };
}

/**
 * `src: [h·w]` resampled to `[oh·ow]` (smaller) by area averaging: each output pixel is the mean of the source
 * area it covers, partial pixels weighted by their covered fraction (OpenCV's INTER_AREA for shrinking).
 */
export function downscaleArea(src: Float32Array, w: number, h: number, ow: number, oh: number): Float32Array {
  const cols = axisWeights(w, ow);
  const rows = axisWeights(h, oh);
  const tmp = new Float64Array(h * ow);
  for (let r = 0; r < h; r++) {
    for (const [o, i, wt] of cols) tmp[r * ow + o] += src[r * w + i] * wt;
  }
  const out = new Float32Array(ow * oh);
  for (const [o, i, wt] of rows) {
    for (let c = 0; c < ow; c++) out[o * ow + c] += tmp[i * ow + c] * wt;
  }
  return out;
}

/** Triples `[out, in, weight]`: how much input index `in` (of n) contributes to output `out` (of m), weights of an output summing to 1. */
function axisWeights(n: number, m: number): Array<[number, number, number]> {
  const scale = n / m;
  const out: Array<[number, number, number]> = [];
  for (let o = 0; o < m; o++) {
    const a = o * scale;
    const b = (o + 1) * scale;
    for (let i = Math.floor(a); i < Math.min(n, Math.ceil(b)); i++) {
      const cover = Math.min(b, i + 1) - Math.max(a, i);
      if (cover > 0) out.push([o, i, cover / scale]);
    }
  }
  return out;
}

let wasmPool: WasmPool | undefined | null = null; // null: not tried yet

/**
 * `src: [h·w]` shown on a `[oh·ow]` grid (smaller) keeping extremes: each output pixel takes the value of largest
 * magnitude in its block, so a one-pixel edge survives at any zoom. `at[k]` is the source index that value came from
 * (a probe reads the pixel really shown); equal magnitudes go to the first in row-major order; a block of NaN only
 * shows its first pixel. A Float32Array runs on WebAssembly SIMD where the page allows it (src/core/fast/pool.ts,
 * about twice as fast on a 1 MP map), anything else on `poolMaxAbsJs`: the same winners. `into`: the caller's previous
 * result, whose arrays are reused when they fit (the returned object is new either way, for memoising views).
 * @throws RangeError when the grid is not smaller: ow > w or oh > h.
 */
export function poolMaxAbs(
  src: ArrayLike<number>,
  w: number,
  h: number,
  ow: number,
  oh: number,
  into?: Pooled,
): Pooled {
  if (wasmPool === null) wasmPool = WasmPool.create();
  if (wasmPool && src instanceof Float32Array && src.length === w * h && ow >= 1 && oh >= 1)
    return wasmPool.pool(src, w, h, ow, oh, into);
  return poolMaxAbsJs(src, w, h, ow, oh, into);
}

/** `poolMaxAbs` in plain JavaScript (any array, any engine): the reference the wasm kernel is tested against. */
export function poolMaxAbsJs(
  src: ArrayLike<number>,
  w: number,
  h: number,
  ow: number,
  oh: number,
  into?: Pooled,
): Pooled {
  if (ow > w || oh > h) throw new RangeError(`poolMaxAbs: ${oh}×${ow} is larger than the source ${h}×${w}`);
  const { data, at } = pooledBuffers(ow * oh, into);
  // Source column c falls in output column ⌊c·ow/w⌋: block x spans columns [edge[x], edge[x + 1]). One block at a
  // time, its running |max| in a register, is about twice as fast as a lookup and two |·| per source pixel.
  const edge = blockEdges(w, ow);
  let r1 = 0;
  for (let y = 0; y < oh; y++) {
    const r0 = r1;
    while (r1 < h && Math.min(oh - 1, Math.floor((r1 * oh) / h)) === y) r1++;
    for (let x = 0; x < ow; x++) {
      let m = -1;
      let found = r0 * w + edge[x]; // kept when every value is NaN
      for (let row = r0 * w; row < r1 * w; row += w) {
        for (let p = row + edge[x], end = row + edge[x + 1]; p < end; p++) {
          const v = Math.abs(src[p]);
          if (v > m) {
            m = v;
            found = p;
          }
        }
      }
      at[y * ow + x] = found;
      data[y * ow + x] = src[found];
    }
  }
  return { data, at };
}
