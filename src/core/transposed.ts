// Transposed convolution in float64, written as the SCATTER it is (d2l §14.10.1 `trans_conv`): every input cell adds
// x·K into the output at its place, instead of every output cell gathering a window. Overlapping contributions are
// what makes the checkerboard artifacts of Odena, Dumoulin & Olah, "Deconvolution and Checkerboard Artifacts"
// (Distill, 2016): a kernel size not divisible by the stride overlaps unevenly.

import { shapeOf, validateMatrix, type Matrix } from './matrix';
import { transposedGeometry, type TransposedGeometry, type TransposedOptions } from './transposed-geometry';
import { validateBias } from './channels';
import { filtersShape, validateFilters, validateVolume, volumeShape, type Filters, type Volume } from './volume';

/** Validates `X: [h, w]` and `K: [kh, kw]` and computes the transposed geometry; errors start with `op`. */
export function transposedCorrGeometry(
  op: string,
  X: unknown,
  K: unknown,
  opts: TransposedOptions = {},
): TransposedGeometry {
  const [inH, inW] = shapeOf(validateMatrix(op, 'X', X));
  const [kH, kW] = shapeOf(validateMatrix(op, 'K', K));
  return transposedGeometry({ inH, inW, kH, kW, ...opts }, op);
}

/**
 * 2-D transposed convolution in float64, scatter form (d2l §14.10.1, PyTorch `conv_transpose2d` conventions):
 * `Y[i·sh + a·dh − pt][j·sw + b·dw − pl] += X[i][j]·K[a][b]`, contributions outside the output dropped.
 * `X: [h, w]`, `K: [kh, kw]` → `[outH, outW]` from `transposedGeometry`. d2l: X = K = [[0,1],[2,3]] →
 * [[0,0,1],[0,4,6],[4,12,9]]. Throws "convTranspose2d: …" for bad matrices or options.
 */
export function convTranspose2dReference(X: Matrix, K: Matrix, opts: TransposedOptions = {}): Matrix {
  const g = transposedCorrGeometry('convTranspose2d', X, K, opts);
  const Y = zeros(g.outH, g.outW);
  scatter(g, X, K, Y);
  return Y;
}

/** Adds the scatter of `X` with `K` into `Y` (`[outH, outW]`). */
function scatter(g: TransposedGeometry, X: Matrix, K: Matrix, Y: Matrix): void {
  for (let i = 0; i < g.inH; i++) {
    for (let j = 0; j < g.inW; j++) {
      for (const [r, c, a, b] of scatterTargets(g, i, j)) Y[r][c] += X[i][j] * K[a][b];
    }
  }
}

/**
 * Output cells `[r, c, kernelR, kernelC]` that input cell (i, j) writes, kernel row-major, cells cropped by the padding
 * left out: `r = i·sh + a·dh − padTop`, `c = j·sw + b·dw − padLeft` (d2l §14.10.1; PyTorch's conv_transpose2d).
 */
export function scatterTargets(g: TransposedGeometry, i: number, j: number): Array<[number, number, number, number]> {
  const cells: Array<[number, number, number, number]> = [];
  for (let a = 0; a < g.kH; a++) {
    const r = i * g.strideH + a * g.dilationH - g.padTop;
    if (r < 0 || r >= g.outH) continue;
    for (let b = 0; b < g.kW; b++) {
      const c = j * g.strideW + b * g.dilationW - g.padLeft;
      if (c >= 0 && c < g.outW) cells.push([r, c, a, b]);
    }
  }
  return cells;
}

/** One contribution of an input cell: output cell `[r, c]` receives `x·k`, k = K[kr][kc]. */
export interface Contribution {
  r: number;
  c: number;
  kr: number;
  kc: number;
  x: number;
  k: number;
  value: number;
}

/**
 * What input cell `(i, j)` writes: the output cells and values `X[i][j]·K[kr][kc]`, kernel row-major, cells cropped
 * by the padding left out. d2l X = K = [[0,1],[2,3]], cell (1, 1) (x = 3) → 0, 3, 6, 9 at (1,1), (1,2), (2,1), (2,2).
 * Throws like `convTranspose2dReference`, and when `(i, j)` is outside X.
 */
export function transposedContributions(
  X: Matrix,
  K: Matrix,
  opts: TransposedOptions,
  i: number,
  j: number,
): Contribution[] {
  const g = transposedCorrGeometry('convTranspose2d', X, K, opts);
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= g.inH || j >= g.inW) {
    throw new Error(`convTranspose2d: input cell (${i}, ${j}) is outside the ${g.inH}×${g.inW} input`);
  }
  return scatterTargets(g, i, j).map(([r, c, kr, kc]) => {
    const x = X[i][j];
    const k = K[kr][kc];
    return { r, c, kr, kc, x, k, value: x * k };
  });
}

/**
 * How many contributions each output cell receives, `[outH, outW]`: the overlap that shades the view. Kernel 3,
 * stride 2 overlaps unevenly (1, 2, 4 in a checkerboard); kernel 4, stride 2 evenly (4 everywhere inside, padding 2).
 */
export function overlapCounts(g: TransposedGeometry): Matrix {
  const counts = zeros(g.outH, g.outW);
  for (let i = 0; i < g.inH; i++)
    for (let j = 0; j < g.inW; j++) for (const [r, c] of scatterTargets(g, i, j)) counts[r][c]++;
  return counts;
}

/** Options of a multi-channel transposed convolution: groups (default 1) and a bias per output channel. */
export interface TransposedMultiOptions extends TransposedOptions {
  groups?: number;
  bias?: number[];
}

/** Geometry and channel bookkeeping of a multi-channel transposed convolution. */
export interface TransposedMultiGeometry {
  geom: TransposedGeometry;
  cIn: number;
  cOut: number;
  groups: number;
  cInPerGroup: number;
  cOutPerGroup: number;
}

/**
 * Validates `X: [c_in, h, w]` and `K: [c_in, c_out/groups, kh, kw]` (PyTorch's ConvTranspose2d weight layout: input
 * channel first) and computes the geometry; c_out = groups·K[0].length. Throws (message starts with `op`):
 * "K has 3 input channels, X has 2 (ConvTranspose2d weight [c_in, c_out/groups, kh, kw])",
 * "groups 2 does not divide c_in 3", plus the volume, filter and `transposedGeometry` errors.
 */
export function transposedMultiGeometry(
  op: string,
  X: unknown,
  K: unknown,
  opts: TransposedMultiOptions = {},
): TransposedMultiGeometry {
  const [cIn, inH, inW] = volumeShape(validateVolume(op, 'X', X));
  const [kIn, cOutPerGroup, kH, kW] = filtersShape(validateFilters(op, 'K', K));
  const groups = opts.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups ${groups} is not a positive integer`);
  if (kIn !== cIn) {
    throw new Error(
      `${op}: K has ${kIn} input channels, X has ${cIn} (ConvTranspose2d weight [c_in, c_out/groups, kh, kw])`,
    );
  }
  if (cIn % groups !== 0) throw new Error(`${op}: groups ${groups} does not divide c_in ${cIn}`);
  const { stride, dilation, padding, outputPadding } = opts;
  const geom = transposedGeometry({ inH, inW, kH, kW, stride, dilation, padding, outputPadding }, op);
  return { geom, cIn, cOut: cOutPerGroup * groups, groups, cInPerGroup: cIn / groups, cOutPerGroup };
}

/**
 * Multi-channel transposed convolution in float64 (torch.nn.functional.conv_transpose2d): `X: [c_in, h, w]`,
 * `K: [c_in, c_out/groups, kh, kw]` (PyTorch's ConvTranspose2d weight layout), `bias: [c_out]` → `[c_out, outH, outW]`.
 * Input channel c of group g scatters into output channel g·(c_out/groups) + q with kernel K[c][q].
 * Throws like `transposedMultiGeometry` (messages start with "convTranspose2dMulti:") and for a bad bias.
 */
export function convTranspose2dMultiReference(X: Volume, K: Filters, opts: TransposedMultiOptions = {}): Volume {
  const op = 'convTranspose2dMulti';
  const m = transposedMultiGeometry(op, X, K, opts);
  const bias = validateBias(op, opts.bias, m.cOut);
  const Y = Array.from({ length: m.cOut }, (_, o) => zeros(m.geom.outH, m.geom.outW, bias[o]));
  X.forEach((Xc, c) => {
    const first = Math.floor(c / m.cInPerGroup) * m.cOutPerGroup;
    K[c].forEach((Kq, q) => scatter(m.geom, Xc, Kq, Y[first + q]));
  });
  return Y;
}

function zeros(h: number, w: number, value = 0): Matrix {
  return Array.from({ length: h }, () => new Array<number>(w).fill(value));
}
