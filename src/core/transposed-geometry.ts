// Geometry of the transposed convolution (d2l §14.10; PyTorch ConvTranspose2d): input cell (i, j) adds x·K into the
// output at rows i·s + a·d − padTop, columns j·s + b·d − padLeft. Padding CROPS the full result (top/left by padTop/
// padLeft, bottom/right by padBottom/padRight), output padding adds rows/columns at the bottom/right. Beside
// `convGeometry`, which stays the one place the forward geometry is computed; `adjointTransposedOptions` links them.

import { nonNegativeInt, pair, positiveInt, resolvePadding, type Geometry, type Padding, type Pair } from './geometry';

/** Stride, dilation, padding and output padding of a transposed convolution. Defaults: 1, 1, 'valid' (0), 0. */
export interface TransposedOptions {
  stride?: number | Pair;
  dilation?: number | Pair;
  /**
   * Rows/columns cropped from the full result: a number on EACH side (PyTorch's `padding`), explicit
   * `[[top, bottom], [left, right]]`, 'valid' (none) or 'same' (TensorFlow's conv2d_transpose: output = n·stride).
   */
  padding?: Padding;
  /** Extra rows/columns at the bottom/right (PyTorch's `output_padding`), smaller than stride or dilation. */
  outputPadding?: number | Pair;
}

/** Input of `transposedGeometry`: input size `inH×inW`, kernel size `kH×kW`, plus the options. */
export interface TransposedGeometryInput extends TransposedOptions {
  inH: number;
  inW: number;
  kH: number;
  kW: number;
}

/** Everything about a transposed convolution's geometry; all values are counts of cells. */
export interface TransposedGeometry {
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
  outputPadH: number;
  outputPadW: number;
}

/**
 * Geometry of a transposed convolution of an `[inH, inW]` input with a `[kH, kW]` kernel. Output size per axis
 * (torch.nn.ConvTranspose2d docs): `(n − 1)·s − pBefore − pAfter + d·(k − 1) + outputPadding + 1`.
 * 'same' follows TensorFlow's conv2d_transpose (the gradient of a 'same' conv2d whose input is n·s): it crops
 * `max(effK − s, 0)` cells, the odd one at the bottom/right, and pads `max(s − effK, 0)`, so the output is n·s.
 * Throws (message starts with `op`): non-positive sizes, stride or dilation; negative padding;
 * "output padding 2 must be smaller than stride 2 or dilation 1" (PyTorch's rule); output padding with 'same';
 * "padding 2 + 2 leaves output height 0 ((n − 1)·s + d·(k − 1) + 1 = 3, output padding 0)".
 */
export function transposedGeometry(input: TransposedGeometryInput, op = 'transposedGeometry'): TransposedGeometry {
  const { inH, inW, kH, kW } = input;
  const sizes: Array<[string, number]> = [
    ['input height', inH],
    ['input width', inW],
    ['kernel height', kH],
    ['kernel width', kW],
  ];
  sizes.forEach(([what, v]) => positiveInt(op, what, v));
  const [strideH, strideW] = pair(op, 'stride', input.stride ?? 1);
  const [dilationH, dilationW] = pair(op, 'dilation', input.dilation ?? 1);
  const effKH = dilationH * (kH - 1) + 1;
  const effKW = dilationW * (kW - 1) + 1;
  const [opH, opW] = outputPadding(op, input.outputPadding ?? 0);
  const padding = input.padding ?? 'valid';
  let pads: [Pair, Pair];
  let outPad: Pair = [opH, opW];
  if (padding === 'same') {
    if (opH !== 0 || opW !== 0) throw new SameOutputPaddingError(op, opH, opW);
    pads = [sameCrop(effKH, strideH), sameCrop(effKW, strideW)];
    outPad = [Math.max(strideH - effKH, 0), Math.max(strideW - effKW, 0)];
  } else {
    pads = resolvePadding(op, padding, { inH, inW, effKH, effKW, strideH, strideW });
    checkOutputPadding(op, 'height', opH, strideH, dilationH, typeof input.outputPadding !== 'number');
    checkOutputPadding(op, 'width', opW, strideW, dilationW, typeof input.outputPadding !== 'number');
  }
  const [[padTop, padBottom], [padLeft, padRight]] = pads;
  const outH = axisSize(op, 'height', inH, effKH, strideH, padTop, padBottom, outPad[0]);
  const outW = axisSize(op, 'width', inW, effKW, strideW, padLeft, padRight, outPad[1]);
  return {
    inH,
    inW,
    kH,
    kW,
    outH,
    outW,
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
    outputPadH: outPad[0],
    outputPadW: outPad[1],
  };
}

function outputPadding(op: string, v: number | Pair): Pair {
  const [h, w] = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? v : [NaN, NaN];
  const [nameH, nameW] =
    typeof v === 'number' ? ['output padding', 'output padding'] : ['output padding height', 'output padding width'];
  nonNegativeInt(op, nameH, h);
  nonNegativeInt(op, nameW, w);
  return [h, w];
}

/**
 * Thrown for an output padding with padding 'same', which fixes the output at n·stride (TensorFlow's
 * conv2d_transpose): "convTranspose2d: output padding 1, 1 cannot be combined with padding 'same' (output n·stride)".
 */
export class SameOutputPaddingError extends Error {
  constructor(op: string, opH: number, opW: number) {
    super(`${op}: output padding ${opH}, ${opW} cannot be combined with padding 'same' (output n·stride)`);
  }
}

/**
 * Thrown when an output padding is not smaller than the stride or the dilation of its axis (torch.nn.ConvTranspose2d:
 * "output padding must be smaller than either stride or dilation"): "convTranspose2d: output padding 2 must be smaller
 * than stride 2 or dilation 1". Views read the fields to name the allowed range (0 … max(stride, dilation) − 1).
 */
export class OutputPaddingError extends Error {
  constructor(
    op: string,
    readonly axis: 'height' | 'width',
    readonly value: number,
    readonly stride: number,
    readonly dilation: number,
    perAxis: boolean,
  ) {
    const [o, st, di] = perAxis
      ? [`output padding ${axis}`, `stride ${axis}`, `dilation ${axis}`]
      : ['output padding', 'stride', 'dilation'];
    super(`${op}: ${o} ${value} must be smaller than ${st} ${stride} or ${di} ${dilation}`);
  }
}

/** PyTorch: "output padding must be smaller than either stride or dilation" (torch.nn.ConvTranspose2d). */
function checkOutputPadding(
  op: string,
  axis: 'height' | 'width',
  v: number,
  s: number,
  d: number,
  perAxis: boolean,
): void {
  if (v < Math.max(s, d)) return;
  throw new OutputPaddingError(op, axis, v, s, d, perAxis);
}

/**
 * Thrown when the padding crops the whole output of an axis: "convTranspose2d: padding 2 + 2 leaves output height -1
 * ((n − 1)·s + d·(k − 1) + 1 = 3, output padding 0)". `full` is the uncropped size (n − 1)·s + d·(k − 1) + 1.
 */
export class TransposedCropError extends Error {
  constructor(
    op: string,
    readonly axis: 'height' | 'width',
    readonly full: number,
    readonly padBefore: number,
    readonly padAfter: number,
    readonly outputPadding: number,
  ) {
    const out = full - padBefore - padAfter + outputPadding;
    super(
      `${op}: padding ${padBefore} + ${padAfter} leaves output ${axis} ${out} ((n − 1)·s + d·(k − 1) + 1 = ${full}, output padding ${outputPadding})`,
    );
  }

  /** The largest padding on each side that leaves at least one row/column: ⌊(full + output padding − 1) / 2⌋. */
  get maxPadding(): number {
    return Math.max(0, Math.floor((this.full + this.outputPadding - 1) / 2));
  }
}

/** TensorFlow's 'same' crop for a transposed axis: max(effK − s, 0), the odd cell after. */
function sameCrop(effK: number, s: number): Pair {
  const total = Math.max(effK - s, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

function axisSize(
  op: string,
  axis: 'height' | 'width',
  n: number,
  effK: number,
  s: number,
  p0: number,
  p1: number,
  extra: number,
) {
  const full = (n - 1) * s + effK;
  const out = full - p0 - p1 + extra;
  if (out < 1) throw new TransposedCropError(op, axis, full, p0, p1, extra);
  return out;
}

/**
 * The transposed convolution that is the adjoint of the cross-correlation `g` (its matrix is Wᵀ when `g`'s is W, see
 * `convMatrix`): same kernel size, stride, dilation and per-side padding, and output padding
 * `(n + pBefore + pAfter − effK) mod s` per axis, the input rows/columns the forward stride never reached, so the
 * output is `g.inH×g.inW` again (the output-padding rule of torch.nn.ConvTranspose2d's docs).
 */
export function adjointTransposedOptions(g: Geometry): TransposedOptions {
  return {
    stride: [g.strideH, g.strideW],
    dilation: [g.dilationH, g.dilationW],
    padding: [
      [g.padTop, g.padBottom],
      [g.padLeft, g.padRight],
    ],
    outputPadding: [
      (g.inH + g.padTop + g.padBottom - g.effKH) % g.strideH,
      (g.inW + g.padLeft + g.padRight - g.effKW) % g.strideW,
    ],
  };
}

/**
 * The cross-correlation whose matrix W has this transposed convolution as its transpose (vec(Y) = Wᵀ·vec(X), see
 * `transposedConvMatrix`): its input is the transposed output `[outH, outW]`, its output the transposed input
 * `[inH, inW]`, with the same kernel size, stride, dilation and top/left padding, so that window (i, j) reads exactly
 * the cells input cell (i, j) writes. Bottom/right padding: `max(0, pAfter − outputPadding)` (output padding adds the
 * rows/columns the forward windows never read). With output padding below the stride this is `convGeometry` of those
 * sizes and options; with a larger one (allowed by the dilation) the forward layer would have more output rows, of
 * which this record keeps the first `inH` — the ones the transposed convolution has input cells for.
 */
export function forwardGeometryOf(t: TransposedGeometry): Geometry {
  return {
    inH: t.outH,
    inW: t.outW,
    kH: t.kH,
    kW: t.kW,
    outH: t.inH,
    outW: t.inW,
    padTop: t.padTop,
    padBottom: Math.max(0, t.padBottom - t.outputPadH),
    padLeft: t.padLeft,
    padRight: Math.max(0, t.padRight - t.outputPadW),
    strideH: t.strideH,
    strideW: t.strideW,
    dilationH: t.dilationH,
    dilationW: t.dilationW,
    effKH: t.effKH,
    effKW: t.effKW,
  };
}
