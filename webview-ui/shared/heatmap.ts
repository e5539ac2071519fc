// Heat maps of matrices on a canvas, on the one colour scale of src/core/colour-scale.ts. Drawing is one palette
// lookup and one 32-bit store per value into an ImageData kept per canvas (heatPixels): a 1-megapixel map costs a
// few milliseconds, not the 20–60 ms of a new ImageData filled byte by byte.
import {
  colourAt,
  colourLut,
  heatDomain,
  LUT_SIZE,
  unitOf,
  type HeatDomain,
  type ScaleRange,
} from '../../src/core/colour-scale';
import { heatPixels, rgbaPixel } from '../../src/core/fast/heat';

/** The colour scale chosen for a set of values, with the domain a legend shows. */
export interface HeatScale extends HeatDomain {
  /** CSS colour of a value. */
  colour(x: number): string;
}

/** Chooses the scale for values `data` (diverging around 0 when any is negative, else sequential). */
export function heatScale(data: ArrayLike<number>): HeatScale {
  const d = heatDomain(data);
  const t = unitOf(d);
  return { ...d, colour: (x) => colourAt(d.kind, t(x)) };
}

const palettes = new Map<HeatDomain['kind'], Uint32Array>();

/** The scale `kind` as LUT_SIZE opaque RGBA pixels (Uint32, little-endian), built once. */
export function heatPalette(kind: HeatDomain['kind']): Uint32Array {
  let p = palettes.get(kind);
  if (!p) {
    const lut = colourLut(kind);
    p = Uint32Array.from({ length: LUT_SIZE }, (_, i) => rgbaPixel(lut[3 * i], lut[3 * i + 1], lut[3 * i + 2]));
    palettes.set(kind, p);
  }
  return p;
}

const images = new WeakMap<HTMLCanvasElement, { img: ImageData; px: Uint32Array }>();

/**
 * Draws `data: [h, w]` (row-major) into `canvas` at one canvas pixel per value over the domain [lo, hi] of
 * `scale` (a constant domain paints the middle colour); CSS scales it up, pixelated. The canvas keeps its ImageData
 * between calls of the same size.
 */
export function drawHeat(
  canvas: HTMLCanvasElement,
  data: ArrayLike<number>,
  h: number,
  w: number,
  scale: ScaleRange,
): void {
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  let kept = images.get(canvas);
  if (kept?.img.width !== w || kept.img.height !== h) {
    const img = ctx.createImageData(w, h);
    kept = { img, px: new Uint32Array(img.data.buffer) };
    images.set(canvas, kept);
  }
  // A zero span would put every value on the first colour: centre it instead (the scale's 0.5, as unitOf does).
  const [lo, hi] = scale.hi > scale.lo ? [scale.lo, scale.hi] : [scale.lo - 1, scale.lo + 1];
  heatPixels(data, lo, hi, heatPalette(scale.kind), kept.px);
  ctx.putImageData(kept.img, 0, 0);
}
