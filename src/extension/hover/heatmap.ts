// Heat map of a matrix as a PNG data URI, drawn in the extension host (pngjs, no canvas there). Colours: diverging
// RdBu centred on 0 when the matrix has negatives (blue < 0 < red, like the book's kernel plots), viridis otherwise.
// Nearest-neighbour scaling to at most 64×64 px keeps the data URI a few kB at most, far below VS Code's 100 000
// character markdown limit. The "sub" filter alone: upscaled cells repeat pixels, and trying all five filters costs
// more time than it saves bytes.

import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { PNG } from 'pngjs';

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
const LUT_SIZE = 256;
const NOT_FINITE: [number, number, number] = [128, 128, 128];
const lutCache = new Map<string, Uint8Array>();

/**
 * Heat map of the `rows`×`cols` matrix stored row-major in `data` from `offset`.
 * → PNG data URI at most 64×64 px (each cell a square of whole pixels when the matrix has ≤ 64 rows and columns,
 * sampled by nearest neighbour when larger). NaN and infinities are grey. Throws only if `rows` or `cols` is 0.
 */
export function heatMap(data: readonly number[], rows: number, cols: number, offset = 0): HeatMap {
  if (rows < 1 || cols < 1) throw new Error(`heatMap: empty matrix ${rows}×${cols}`);
  const { min, max } = finiteRange(data, offset, rows * cols);
  const scale = min < 0 ? 'diverging' : 'sequential';
  const { width, height } = pixelSize(rows, cols);
  const png = new PNG({ width, height });
  const lut = colours(scale);
  const t = toUnit(scale, min, max);
  for (let y = 0; y < height; y++) {
    const r = Math.floor((y * rows) / height);
    for (let x = 0; x < width; x++) {
      const v = data[offset + r * cols + Math.floor((x * cols) / width)];
      const k = Number.isFinite(v) ? Math.round(t(v) * (LUT_SIZE - 1)) : -1;
      const p = (y * width + x) * 4;
      const rgb = k < 0 ? NOT_FINITE : [lut[k * 3], lut[k * 3 + 1], lut[k * 3 + 2]];
      png.data[p] = rgb[0];
      png.data[p + 1] = rgb[1];
      png.data[p + 2] = rgb[2];
      png.data[p + 3] = 255;
    }
  }
  const uri = `data:image/png;base64,${PNG.sync.write(png, { colorType: 2, filterType: 1 }).toString('base64')}`;
  return { uri, width, height, scale, min, max };
}

/** Whole-pixel squares up to 64 px on the long side; larger matrices shrink to 64 px on the long side. */
export function pixelSize(rows: number, cols: number): { width: number; height: number } {
  const long = Math.max(rows, cols);
  if (long <= MAX_PX) {
    const cell = Math.floor(MAX_PX / long);
    return { width: cols * cell, height: rows * cell };
  }
  return { width: Math.max(1, Math.round((cols * MAX_PX) / long)), height: Math.max(1, Math.round((rows * MAX_PX) / long)) };
}

function finiteRange(data: readonly number[], offset: number, n: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let k = offset; k < offset + n; k++) {
    const v = data[k];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/** Value → [0, 1]: diverging maps ±max|v| to the ends and 0 to the middle; sequential maps min…max. */
function toUnit(scale: 'diverging' | 'sequential', min: number, max: number): (v: number) => number {
  if (scale === 'diverging') {
    const m = Math.max(-min, max);
    // RdBu runs red → blue; negatives should be blue, so flip.
    return (v) => 0.5 - v / (2 * m);
  }
  return max > min ? (v) => (v - min) / (max - min) : () => 0.5;
}

function colours(scale: 'diverging' | 'sequential'): Uint8Array {
  let lut = lutCache.get(scale);
  if (lut) return lut;
  lut = new Uint8Array(LUT_SIZE * 3);
  const interpolate = scale === 'diverging' ? interpolateRdBu : interpolateViridis;
  for (let k = 0; k < LUT_SIZE; k++) lut.set(parseColour(interpolate(k / (LUT_SIZE - 1))), k * 3);
  lutCache.set(scale, lut);
  return lut;
}

/** d3's colour strings: "rgb(r, g, b)" or "#rrggbb". */
export function parseColour(css: string): [number, number, number] {
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  throw new Error(`heatMap: unexpected colour "${css}" from d3-scale-chromatic`);
}
