// How the transposed mode shades its output: by the number of contributions each cell received (not by value), on a
// blue scale of its own — a count is not a convolution response, so it does not share the heat maps' scales — with a
// legend, and a sentence on whether the overlap is even (Odena, Dumoulin & Olah, "Deconvolution and Checkerboard
// Artifacts", Distill 2016). Pure: tested in Node.
import { interpolateBlues } from 'd3-scale-chromatic';
import type { Matrix } from '../../src/core/matrix';
import { axisEvenness } from '../../src/core/transposed-steps';
import type { TransposedGeometry } from '../../src/core/transposed-geometry';

/** Colour of `count` contributions out of at most `max`: none for 0, light to dark blue from 1 to max. */
export function overlapColour(count: number, max: number): string | undefined {
  if (count <= 0 || max <= 0) return undefined;
  return interpolateBlues(0.2 + (0.7 * count) / max);
}

/** One entry of the legend: a count, its colour and how many output cells have it. */
export interface LegendEntry {
  count: number;
  colour: string | undefined;
  cells: number;
}

/** The legend of an overlap map: every count that occurs, ascending, with its colour on the map's scale. */
export function overlapLegend(counts: Matrix): LegendEntry[] {
  const max = Math.max(0, ...counts.flat());
  const tally = new Map<number, number>();
  for (const v of counts.flat()) tally.set(v, (tally.get(v) ?? 0) + 1);
  return [...tally.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([count, cells]) => ({ count, colour: overlapColour(count, max), cells }));
}

/**
 * Whether the overlap is even away from the border, in words: "Even overlap: away from the border every output cell
 * receives 4 contributions (kernel 4 is a multiple of stride 2)" or "Uneven overlap: away from the border cells
 * receive 1 to 4 contributions — the checkerboard artifact (kernel 3 is not a multiple of stride 2; …)".
 */
export function overlapSummary(g: TransposedGeometry): string {
  const rows = axisEvenness(g.inH, g.kH, g.strideH, g.dilationH);
  const cols = axisEvenness(g.inW, g.kW, g.strideW, g.dilationW);
  if (!rows || !cols) {
    return 'X is too small for output cells that every tap of K can reach (that needs (n − 1)·s ≥ d·(k − 1) on both axes): the overlap is uneven at the border only.';
  }
  const [lo, hi] = [rows.min * cols.min, rows.max * cols.max];
  const why = (k: number, s: number, d: number) =>
    d === 1
      ? `kernel ${k} is ${k % s === 0 ? '' : 'not '}a multiple of stride ${s}`
      : `kernel ${k} dilated by ${d}, stride ${s}`;
  const reasons = [
    why(g.kH, g.strideH, g.dilationH),
    ...(g.kW !== g.kH || g.strideW !== g.strideH ? [why(g.kW, g.strideW, g.dilationW)] : []),
  ];
  if (lo === hi) {
    return `Even overlap: away from the border every output cell receives ${lo} contribution${lo === 1 ? '' : 's'} (${reasons.join('; ')}).`;
  }
  return (
    `Uneven overlap: away from the border cells receive ${lo} to ${hi} contributions — the checkerboard artifact of ` +
    `Odena, Dumoulin & Olah, "Deconvolution and Checkerboard Artifacts" (Distill 2016) (${reasons.join('; ')}).`
  );
}
