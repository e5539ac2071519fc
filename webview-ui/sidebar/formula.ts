// The output-size formula written out with the current numbers (d2l §7.3): out = ⌊(n − k_eff + p_total + s) / s⌋.
import type { Geometry } from '../../src/core/geometry';

/** One line per axis, e.g. "rows: ⌊(3 − 2 + 0 + 1) / 1⌋ = 2" ("cols" for columns: it fits a narrow side bar). */
export function outputSizeFormula(g: Geometry): string[] {
  const axis = (name: string, n: number, k: number, kEff: number, d: number, p: number, s: number, out: number) =>
    `${name}: ⌊(${n} − ${kEff} + ${p} + ${s}) / ${s}⌋ = ${out}` +
    (d > 1 ? `  (k_eff = ${d}·(${k} − 1) + 1 = ${kEff})` : '');
  return [
    axis('rows', g.inH, g.kH, g.effKH, g.dilationH, g.padTop + g.padBottom, g.strideH, g.outH),
    axis('cols', g.inW, g.kW, g.effKW, g.dilationW, g.padLeft + g.padRight, g.strideW, g.outW),
  ];
}
