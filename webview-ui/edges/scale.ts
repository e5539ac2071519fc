// The diverging colour scale of the output: centred on 0, symmetric domain [−m, m] with m = max |value|, so a
// negative response is never clamped or wrapped and 0 is always the neutral middle colour (d3 interpolateRdBu).
import { colourAt as scaleColour } from '../../src/core/colour-scale';

/** Minimum, maximum and the half-width m = max |value| of the symmetric domain (all 0 for an empty array). */
export interface Range {
  min: number;
  max: number;
  m: number;
}

/**
 * Min, max and m = max(|min|, |max|) of `values`, a feature map `width` values wide (default: one row); throws
 * "Y[row, column] = … is not finite: …" on NaN/±∞. X and K are finite by then (the decoder and the literal parser
 * refuse the rest), so a non-finite output is a float32 overflow: ±∞, or ∞ − ∞ = NaN.
 */
export function valueRange(values: ArrayLike<number>, width = values.length): Range {
  if (values.length === 0) return { min: 0, max: 0, m: 0 };
  // Branch-free over the map (a NaN or ±∞ carries through Math.min/Math.max); the culprit is looked for only then.
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    const i = Array.prototype.findIndex.call(values, (x: number) => !Number.isFinite(x));
    const at = `Y[${Math.floor(i / width)}, ${i % width}] = ${values[i]}`;
    throw new Error(
      `${at} is not finite: a sum overflowed float32 (beyond ±3.4e38), so ±∞ or ∞ − ∞ appeared. Scale the kernel's values down.`,
    );
  }
  return { min, max, m: Math.max(Math.abs(min), Math.abs(max)) };
}

/**
 * The `Range` of `[min, max]` already scanned (e.g. by SIMD in wasm memory, FastConv2d.planeRanges); when either is
 * not finite, `valueRange(values, width)` finds the culprit and throws its error.
 */
export function rangeOf([min, max]: readonly [number, number], values: ArrayLike<number>, width?: number): Range {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return valueRange(values, width);
  return { min, max, m: Math.max(Math.abs(min), Math.abs(max)) };
}

/**
 * Position of `x` on the scale, in [0, 1]: 0 = −m, ½ = 0, 1 = +m. With m = 0 (all zeros) everything is ½.
 * Positive values are drawn red, negative blue (interpolateRdBu runs red → blue, so it is read at 1 − t).
 */
export function scalePosition(x: number, m: number): number {
  if (!(m > 0)) return 0.5;
  return Math.min(1, Math.max(0, 0.5 + x / (2 * m)));
}

/** The colour (CSS "rgb(r, g, b)") of position `t` ∈ [0, 1] of `scalePosition` on the shared diverging scale. */
export function colourAt(t: number): string {
  return scaleColour('diverging', t);
}
