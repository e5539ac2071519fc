// A float64 reference for photos in Node: decode a PNG with pngjs (always RGBA 8-bit), convert to grayscale with the
// same BT.601 formula the edge panel states, and cross-correlate single output pixels with a plain loop. Independent
// of the browser's decoder, of tfjs and of the panel's code.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** A grayscale image in float64: `gray: [h·w]`, row-major, intensities in [0, 1]. */
export interface GrayReference {
  gray: Float64Array;
  w: number;
  h: number;
}

/** Reads a PNG file and converts it to grayscale: (0.299 R + 0.587 G + 0.114 B) / 255 per pixel, alpha ignored. */
export function readGrayPng(path: string): GrayReference {
  const png = PNG.sync.read(readFileSync(path));
  const { width: w, height: h, data } = png;
  const gray = new Float64Array(w * h);
  for (let i = 0; i < w * h; i++)
    gray[i] = (0.299 * data[4 * i] + 0.587 * data[4 * i + 1] + 0.114 * data[4 * i + 2]) / 255;
  return { gray, w, h };
}

/**
 * Output pixel (i, j) of the 'valid' cross-correlation of the image with `K: [kh, kw]`:
 * `Σₐ Σ_b X[i + a][j + b] · K[a][b]` (d2l §7.2.1). Throws when the window leaves the image.
 */
export function corr2dPixel(img: GrayReference, K: number[][], i: number, j: number): number {
  const kh = K.length;
  const kw = K[0].length;
  if (i < 0 || j < 0 || i + kh > img.h || j + kw > img.w) {
    throw new Error(`corr2dPixel: window at (${i}, ${j}) of a ${kh}×${kw} kernel leaves the ${img.h}×${img.w} image`);
  }
  let s = 0;
  for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) s += img.gray[(i + a) * img.w + j + b] * K[a][b];
  return s;
}
