// Heat maps of matrices on a canvas. Negative values matter in convolution outputs (edges have a sign), so a
// matrix with negatives gets a diverging scale centred on 0 over [−m, m], m = max |value| — never clamped, never
// wrapped; one without negatives gets a sequential scale over [min, max].
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

/** The colour scale chosen for a set of values, with the domain a legend shows. */
export interface HeatScale {
  kind: 'diverging' | 'sequential';
  lo: number;
  hi: number;
  /** CSS colour of a value. */
  colour(x: number): string;
}

/** Chooses the scale for values `data` (see the file comment). An empty or constant input still gets a valid scale. */
export function heatScale(data: ArrayLike<number>): HeatScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  if (!(min <= max)) min = max = 0;
  if (min < 0) {
    const m = Math.max(-min, max) || 1;
    // RdBu runs red → blue; reversed so positive is red (warm) and negative blue, the usual reading of responses.
    return { kind: 'diverging', lo: -m, hi: m, colour: (x) => interpolateRdBu(0.5 - x / (2 * m)) };
  }
  const span = max - min || 1;
  return { kind: 'sequential', lo: min, hi: max, colour: (x) => interpolateViridis((x - min) / span) };
}

/** Draws `data: [h, w]` (row-major) into `canvas` at one canvas pixel per value; CSS scales it up, pixelated. */
export function drawHeat(canvas: HTMLCanvasElement, data: ArrayLike<number>, h: number, w: number, scale: HeatScale): void {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  // A 256-entry lookup keeps big images fast (one colour parse per bucket instead of per pixel).
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    lut.set(parseRgb(scale.colour(scale.lo + ((scale.hi - scale.lo) * i) / 255)), i * 3);
  }
  const k = 255 / (scale.hi - scale.lo || 1);
  for (let p = 0; p < h * w; p++) {
    const i = Math.max(0, Math.min(255, Math.round((data[p] - scale.lo) * k))) * 3;
    img.data[p * 4] = lut[i];
    img.data[p * 4 + 1] = lut[i + 1];
    img.data[p * 4 + 2] = lut[i + 2];
    img.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** d3's interpolators return "rgb(r, g, b)" or "#rrggbb"; anything else reads as mid-grey rather than failing. */
export function parseRgb(css: string): [number, number, number] {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  return hex ? [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)] : [128, 128, 128];
}
