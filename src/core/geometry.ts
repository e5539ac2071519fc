// The one place where convolution geometry is computed (after tfjs-core's conv_util `computeConv2DInfo`): output
// size, padding on each side, stride, dilation, effective kernel size. The reference loops, the tfjs call, the
// stepping animation and the arithmetic text all read it from here, so they cannot disagree.

/** A value per spatial axis, `[h, w]`. */
export type Pair = [number, number];

/**
 * Zero padding: 'valid' (none), 'same' (TensorFlow's rule, output = ceil(n / stride)), a number of rows/columns on
 * EACH side, or explicit `[[top, bottom], [left, right]]`.
 */
export type Padding = 'valid' | 'same' | number | [Pair, Pair];

/** Stride, dilation and padding of a 2-D cross-correlation. Defaults: stride 1, dilation 1, padding 'valid'. */
export interface ConvOptions {
  stride?: number | Pair;
  dilation?: number | Pair;
  padding?: Padding;
}

/** Input of `convGeometry`: input size `inH×inW`, kernel size `kH×kW`, plus the options. */
export interface GeometryInput extends ConvOptions {
  inH: number;
  inW: number;
  kH: number;
  kW: number;
}

/** Everything about one layer's geometry; all values are counts of cells (integers). */
export interface Geometry {
  inH: number;
  inW: number;
  kH: number;
  kW: number;
  outH: number;
  outW: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  /** Effective (dilated) kernel height d·(k − 1) + 1. */
  effKH: number;
  effKW: number;
}

/**
 * Output size along one axis: `floor((n − k + pTotal + s) / s)` (d2l §7.3, "Padding and Stride"), where `k` is the
 * effective kernel size and `pTotal` the padding on both sides together. Throws when an argument is not an integer
 * (n, k, s ≥ 1; pTotal ≥ 0) or when the kernel is larger than the padded input.
 */
export function outputSize(n: number, k: number, pTotal: number, s: number, op = 'outputSize'): number {
  positiveInt(op, 'input size', n);
  positiveInt(op, 'kernel size', k);
  nonNegativeInt(op, 'padding', pTotal);
  positiveInt(op, 'stride', s);
  if (k > n + pTotal) throw new Error(`${op}: kernel size ${k} is larger than padded input size ${n + pTotal}`);
  return Math.floor((n - k + pTotal + s) / s);
}

/**
 * Geometry of a 2-D cross-correlation of an `[inH, inW]` input with a `[kH, kW]` kernel → `[outH, outW]`.
 * - dilation: effective kernel `effK = d·(k − 1) + 1` (tfjs conv_util).
 * - 'same' follows TensorFlow: `out = ceil(n / s)`, `pTotal = max((out − 1)·s + effK − n, 0)`, the odd extra row or
 *   column goes to the bottom/right.
 * - otherwise `out = floor((n − effK + pTotal + s) / s)` (d2l §7.3).
 * Throws (message starts with `op`) for non-integer or non-positive sizes/stride/dilation, negative padding, and
 * "corr2d: kernel 3×3 is larger than input 2×5" when the (dilated) kernel does not fit in the padded input.
 */
export function convGeometry(input: GeometryInput, op = 'convGeometry'): Geometry {
  const { inH, inW, kH, kW } = input;
  positiveInt(op, 'input height', inH);
  positiveInt(op, 'input width', inW);
  positiveInt(op, 'kernel height', kH);
  positiveInt(op, 'kernel width', kW);
  const [strideH, strideW] = pair(op, 'stride', input.stride ?? 1);
  const [dilationH, dilationW] = pair(op, 'dilation', input.dilation ?? 1);
  const effKH = dilationH * (kH - 1) + 1;
  const effKW = dilationW * (kW - 1) + 1;
  const [[padTop, padBottom], [padLeft, padRight]] = resolvePadding(op, input.padding ?? 'valid', {
    inH,
    inW,
    effKH,
    effKW,
    strideH,
    strideW,
  });
  const padH = padTop + padBottom;
  const padW = padLeft + padRight;
  if (effKH > inH + padH || effKW > inW + padW) {
    throw new KernelTooLargeError(op, { kH, kW, effKH, effKW, inH, inW, padH, padW });
  }
  return {
    inH,
    inW,
    kH,
    kW,
    outH: outputSize(inH, effKH, padH, strideH, op),
    outW: outputSize(inW, effKW, padW, strideW, op),
    padTop,
    padBottom,
    padLeft,
    padRight,
    strideH,
    strideW,
    dilationH,
    dilationW,
    effKH,
    effKW,
  };
}

/** The sizes involved when a (dilated) kernel does not fit in the padded input. */
export interface TooLarge {
  kH: number;
  kW: number;
  effKH: number;
  effKW: number;
  inH: number;
  inW: number;
  padH: number;
  padW: number;
}

/**
 * Thrown by `convGeometry` when the (dilated) kernel is larger than the padded input: "corr2d: kernel 3×3 is larger
 * than input 2×5". Views read `sizes` to say what would fit (more padding, a smaller kernel, less dilation).
 */
export class KernelTooLargeError extends Error {
  constructor(
    op: string,
    readonly sizes: TooLarge,
  ) {
    const { kH, kW, effKH, effKW, inH, inW, padH, padW } = sizes;
    super(`${op}: ${tooLarge(kH, kW, effKH, effKW, inH, inW, padH, padW)}`);
  }
}

function tooLarge(kH: number, kW: number, eH: number, eW: number, inH: number, inW: number, pH: number, pW: number) {
  const kernel = eH === kH && eW === kW ? `kernel ${kH}×${kW}` : `kernel ${kH}×${kW} (dilated ${eH}×${eW})`;
  const input = pH === 0 && pW === 0 ? `input ${inH}×${inW}` : `padded input ${inH + pH}×${inW + pW}`;
  return `${kernel} is larger than ${input}`;
}

/** What TensorFlow's 'same' rule needs to place the padding. */
export interface SameInput {
  inH: number;
  inW: number;
  effKH: number;
  effKW: number;
  strideH: number;
  strideW: number;
}

/**
 * Per-side padding `[[top, bottom], [left, right]]` of 'valid', a number, an explicit pair, or 'same' (TensorFlow's
 * rule for the forward cross-correlation, from `g`). Throws "op: padding … must be …" for anything else.
 */
export function resolvePadding(op: string, p: Padding, g: SameInput): [Pair, Pair] {
  if (p === 'valid')
    return [
      [0, 0],
      [0, 0],
    ];
  if (p === 'same') return [samePad(g.inH, g.effKH, g.strideH), samePad(g.inW, g.effKW, g.strideW)];
  if (typeof p === 'number') {
    nonNegativeInt(op, 'padding', p);
    return [
      [p, p],
      [p, p],
    ];
  }
  if (Array.isArray(p) && p.length === 2 && p.every((a) => Array.isArray(a) && a.length === 2)) {
    const [[t, b], [l, r]] = p;
    [t, b, l, r].forEach((v, i) => nonNegativeInt(op, `padding ${['top', 'bottom', 'left', 'right'][i]}`, v));
    return [
      [t, b],
      [l, r],
    ];
  }
  throw new Error(
    `${op}: padding must be 'valid', 'same', a number or [[top, bottom], [left, right]], got ${String(p)}`,
  );
}

/** TensorFlow's 'same': out = ceil(n/s); the odd extra pad goes after (bottom/right). */
function samePad(n: number, effK: number, s: number): Pair {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + effK - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** A number or `[h, w]` pair of positive integers → `[h, w]`; throws "op: stride height 0 is not a positive integer". */
export function pair(op: string, what: string, v: number | Pair): Pair {
  const [h, w] = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? v : [NaN, NaN];
  const [nameH, nameW] = typeof v === 'number' ? [what, what] : [`${what} height`, `${what} width`];
  positiveInt(op, nameH, h);
  positiveInt(op, nameW, w);
  return [h, w];
}

/** Throws "op: what v is not a positive integer" unless v is an integer ≥ 1. */
export function positiveInt(op: string, what: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${op}: ${what} ${v} is not a positive integer`);
}

/** Throws "op: what v is not a non-negative integer" unless v is an integer ≥ 0. */
export function nonNegativeInt(op: string, what: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new Error(`${op}: ${what} ${v} is not a non-negative integer`);
}

/** One input cell read by an output cell: input row/column and the kernel row/column it is multiplied with. */
export type WindowCell = [r: number, c: number, kernelR: number, kernelC: number];

/**
 * The input cells that output cell `(i, j)` reads, in kernel row-major order, skipping cells that fall in the zero
 * padding. Input row of kernel row a: `i·strideH − padTop + a·dilationH` (likewise for columns).
 * Throws when `(i, j)` is outside the `[outH, outW]` output.
 */
export function windowCells(geom: Geometry, i: number, j: number): WindowCell[] {
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= geom.outH || j >= geom.outW) {
    throw new Error(`windowCells: output cell (${i}, ${j}) is outside the ${geom.outH}×${geom.outW} output`);
  }
  const cells: WindowCell[] = [];
  for (let a = 0; a < geom.kH; a++) {
    const r = i * geom.strideH - geom.padTop + a * geom.dilationH;
    if (r < 0 || r >= geom.inH) continue;
    for (let b = 0; b < geom.kW; b++) {
      const c = j * geom.strideW - geom.padLeft + b * geom.dilationW;
      if (c >= 0 && c < geom.inW) cells.push([r, c, a, b]);
    }
  }
  return cells;
}

/**
 * Receptive field (d2l §7.2.6): for stacked layers `layers[0]` (reads the input X) … `layers[L−1]` (writes the last
 * feature map), the cells `[r, c]` of EACH layer's input that output cell `(i, j)` of the last layer depends on.
 * Returns one sorted cell list per layer, same order as `layers`: `result[0]` are cells of X.
 * Throws when the layers do not chain (`layers[l].outH×outW` ≠ `layers[l+1].inH×inW`) or `(i, j)` is outside.
 */
export function receptiveField(layers: Geometry[], i: number, j: number): Array<Array<[number, number]>> {
  if (layers.length === 0) throw new Error('receptiveField: no layers');
  for (let l = 0; l + 1 < layers.length; l++) {
    const a = layers[l];
    const b = layers[l + 1];
    if (a.outH !== b.inH || a.outW !== b.inW) {
      throw new Error(
        `receptiveField: layer ${l} outputs ${a.outH}×${a.outW} but layer ${l + 1} reads ${b.inH}×${b.inW}`,
      );
    }
  }
  const fields: Array<Array<[number, number]>> = new Array(layers.length);
  let cells: Array<[number, number]> = [[i, j]];
  for (let l = layers.length - 1; l >= 0; l--) {
    const seen = new Map<number, [number, number]>();
    for (const [oi, oj] of cells) {
      for (const [r, c] of windowCells(layers[l], oi, oj)) seen.set(r * layers[l].inW + c, [r, c]);
    }
    cells = [...seen.entries()].sort((x, y) => x[0] - y[0]).map((e) => e[1]);
    fields[l] = cells;
  }
  return fields;
}
