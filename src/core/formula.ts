// The output-size formula written out with the numbers of a geometry record (d2l §7.3 "Padding and Stride"):
// out = ⌊(n − k_eff + p_total + s) / s⌋, k_eff = d·(k − 1) + 1. Every view prints it from here.
import type { Geometry } from './geometry';

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
