// Heat map of a matrix as a PNG data URI, drawn in the extension host (no canvas there). Colours: diverging
// RdBu centred on 0 when the matrix has negatives (blue < 0 < red, like the book's kernel plots), viridis otherwise.
// Nearest-neighbour scaling to at most 64×64 px keeps the data URI a few kB at most, far below VS Code's 100 000
// character markdown limit. The encoder is fast-png (pure JavaScript, fflate's deflate), not pngjs: pngjs needs Node's
// zlib and Buffer, and the host also runs as a web worker in vscode.dev. Upscaled cells repeat whole rows and pixels,
// which deflate's back-references take without PNG's row filters.

import { encode } from 'fast-png';
import { colourLut, heatDomain, LUT_SIZE, unitOf } from '../../core/colour-scale';
import { bytesToBase64 } from '../base64';

/** The image and the legend facts the hover prints under it. */
export interface HeatMap {
  uri: string;
  width: number;
  height: number;
  scale: 'diverging' | 'sequential';
  min: number;
  max: number;
}

const MAX_PX = 64;
const NOT_FINITE: [number, number, number] = [128, 128, 128];

/**
 * Heat map of the `rows`×`cols` matrix stored row-major in `data` from `offset`.
 * → PNG data URI at most 64×64 px (each cell a square of whole pixels when the matrix has ≤ 64 rows and columns,
 * sampled by nearest neighbour when larger). NaN and infinities are grey. Throws only if `rows` or `cols` is 0.
 */
export function heatMap(data: readonly number[], rows: number, cols: number, offset = 0): HeatMap {
  if (rows < 1 || cols < 1) throw new Error(`heatMap: empty matrix ${rows}×${cols}`);
  const domain = heatDomain(data, offset, rows * cols);
  const scale = domain.kind;
  const { min, max } = domain;
  const { width, height } = pixelSize(rows, cols);
  const rgb8 = new Uint8Array(width * height * 3);
  const lut = colourLut(scale);
  const t = unitOf(domain);
  for (let y = 0; y < height; y++) {
    const r = Math.floor((y * rows) / height);
    for (let x = 0; x < width; x++) {
      const v = data[offset + r * cols + Math.floor((x * cols) / width)];
      const k = Number.isFinite(v) ? Math.round(t(v) * (LUT_SIZE - 1)) : -1;
      const p = (y * width + x) * 3;
      const rgb = k < 0 ? NOT_FINITE : [lut[k * 3], lut[k * 3 + 1], lut[k * 3 + 2]];
      rgb8[p] = rgb[0];
      rgb8[p + 1] = rgb[1];
      rgb8[p + 2] = rgb[2];
    }
  }
  // Truecolour without alpha (PNG colour type 2, 8 bits per sample): every cell is opaque.
  const bytes = encode({ width, height, data: rgb8, channels: 3, depth: 8 });
  const uri = `data:image/png;base64,${bytesToBase64(bytes)}`;
  return { uri, width, height, scale, min, max };
}

/** Whole-pixel squares up to 64 px on the long side; larger matrices shrink to 64 px on the long side. */
export function pixelSize(rows: number, cols: number): { width: number; height: number } {
  const long = Math.max(rows, cols);
  if (long <= MAX_PX) {
    const cell = Math.floor(MAX_PX / long);
    return { width: cols * cell, height: rows * cell };
  }
  return {
    width: Math.max(1, Math.round((cols * MAX_PX) / long)),
    height: Math.max(1, Math.round((rows * MAX_PX) / long)),
  };
}
