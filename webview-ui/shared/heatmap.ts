// Heat maps of matrices on a canvas, on the one colour scale of src/core/colour-scale.ts.
import { colourAt, colourLut, heatDomain, LUT_SIZE, unitOf, type HeatDomain } from '../../src/core/colour-scale';

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

/** Draws `data: [h, w]` (row-major) into `canvas` at one canvas pixel per value; CSS scales it up, pixelated. */
export function drawHeat(canvas: HTMLCanvasElement, data: ArrayLike<number>, h: number, w: number, scale: HeatScale): void {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  const lut = colourLut(scale.kind);
  const t = unitOf(scale);
  for (let p = 0; p < h * w; p++) {
    const i = Math.max(0, Math.min(LUT_SIZE - 1, Math.round(t(data[p]) * (LUT_SIZE - 1)))) * 3;
    img.data[p * 4] = lut[i];
    img.data[p * 4 + 1] = lut[i + 1];
    img.data[p * 4 + 2] = lut[i + 2];
    img.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
