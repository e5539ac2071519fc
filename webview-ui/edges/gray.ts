// From decoded RGBA pixels to the grayscale intensities the cross-correlation runs on. Pure: tested in Node against
// pixels decoded with pngjs.

/** ITU-R BT.601 luma weights: Y = 0.299 R + 0.587 G + 0.114 B. */
export const LUMA = { r: 0.299, g: 0.587, b: 0.114 } as const;

/** The formula as shown in the panel. */
export const GRAY_FORMULA =
  'X = (0.299 R + 0.587 G + 0.114 B) / 255 (ITU-R BT.601 luma, intensities in [0, 1]; alpha ignored)';

/**
 * RGBA bytes (row-major, 4 per pixel, as `ImageData.data` or pngjs's `data`) → grayscale intensities in [0, 1]:
 * `[h·w]` float32, pixel (r, c) at index r·w + c. Alpha is ignored (a transparent pixel keeps its colour).
 * Throws "edges: …" when the buffer length is not 4·w·h.
 */
export function rgbaToGray(rgba: ArrayLike<number>, w: number, h: number): Float32Array {
  if (rgba.length !== 4 * w * h)
    throw new Error(`edges: expected ${4 * w * h} RGBA bytes for ${w}×${h}, got ${rgba.length}`);
  const out = new Float32Array(w * h);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (LUMA.r * rgba[p] + LUMA.g * rgba[p + 1] + LUMA.b * rgba[p + 2]) / 255;
  }
  return out;
}

/** Size an image is processed at: unchanged unless a side exceeds `maxSide`, then scaled down keeping the aspect. */
export interface Fit {
  w: number;
  h: number;
  scaled: boolean;
}

/** Fits `w×h` (pixels) into `maxSide×maxSide`, never upscaling; sides are rounded and at least 1. */
export function fitSize(w: number, h: number, maxSide = 1024): Fit {
  const s = Math.max(w, h) > maxSide ? maxSide / Math.max(w, h) : 1;
  if (s === 1) return { w, h, scaled: false };
  return { w: Math.max(1, Math.round(w * s)), h: Math.max(1, Math.round(h * s)), scaled: true };
}
