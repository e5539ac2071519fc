// The output-size formula written out with the numbers of a geometry record (d2l §7.3 "Padding and Stride"):
// out = ⌊(n − k_eff + p_total + s) / s⌋, k_eff = d·(k − 1) + 1. Every view prints it from here.
import type { Geometry } from './geometry';
import type { TransposedGeometry } from './transposed-geometry';

/** The formula in symbols, as a heading for `sizeFormulaLines`. */
export const SIZE_FORMULA = 'out = ⌊(n − k_eff + p_total + s) / s⌋, k_eff = d·(k − 1) + 1 (d2l §7.3)';

/**
 * One line per axis with `g`'s numbers, e.g. "rows: ⌊(3 − 2 + 0 + 1) / 1⌋ = 2" and "cols: …", with
 * "(k_eff = 2·(2 − 1) + 1 = 3)" appended when the dilation is above 1.
 */
export function sizeFormulaLines(g: Geometry): [string, string] {
  const axis = (name: string, n: number, k: number, d: number, eff: number, p: number, s: number, out: number) =>
    `${name}: ⌊(${n} − ${eff} + ${p} + ${s}) / ${s}⌋ = ${out}` +
    (d > 1 ? ` (k_eff = ${d}·(${k} − 1) + 1 = ${eff})` : '');
  return [
    axis('rows', g.inH, g.kH, g.dilationH, g.effKH, g.padTop + g.padBottom, g.strideH, g.outH),
    axis('cols', g.inW, g.kW, g.dilationW, g.effKW, g.padLeft + g.padRight, g.strideW, g.outW),
  ];
}

/** The transposed convolution's output size in symbols (torch.nn.ConvTranspose2d's docs; d2l §14.10). */
export const TRANSPOSED_SIZE_FORMULA =
  'out = (n − 1)·s − 2p + d·(k − 1) + output_padding + 1 (torch.nn.ConvTranspose2d, d2l §14.10)';

/**
 * One line per axis with the numbers of a transposed geometry, e.g. "rows: (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4".
 * Uneven padding (TensorFlow's 'same') is written "− (0 + 1)"; 'same' output padding is the one the geometry derived.
 */
export function transposedSizeFormulaLines(g: TransposedGeometry): [string, string] {
  const axis = (name: string, [n, s, p0, p1, d, k, op, out]: number[]) =>
    `${name}: (${n} − 1)·${s} − ${p0 === p1 ? `2·${p0}` : `(${p0} + ${p1})`} + ${d}·(${k} − 1) + ${op} + 1 = ${out}`;
  return [
    axis('rows', [g.inH, g.strideH, g.padTop, g.padBottom, g.dilationH, g.kH, g.outputPadH, g.outH]),
    axis('cols', [g.inW, g.strideW, g.padLeft, g.padRight, g.dilationW, g.kW, g.outputPadW, g.outW]),
  ];
}
