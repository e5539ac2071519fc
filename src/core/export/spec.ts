// What the code export reproduces: one layer as the product computes it — operation, input, kernels, bias and the
// geometry — resolved once (through `multiGeometry` / `transposedMultiGeometry`) so that every generator writes the
// same explicit padding, stride, dilation, groups and output padding.

import type { Padding, Pair } from '../geometry';
import type { Matrix } from '../matrix';
import { convolve2dMultiReference, corr2dMultiReference, multiGeometry, validateBias } from '../channels';
import { convTranspose2dMultiReference, transposedMultiGeometry } from '../transposed';
import type { Filters, Volume } from '../volume';

/** 'correlation' (what deep-learning frameworks call convolution), 'convolution' (flipped kernel), 'transposed'. */
export type ExportOp = 'correlation' | 'convolution' | 'transposed';

/**
 * One layer to export. `X: [c_in, h, w]`. `K`: `[c_out, c_in/groups, kh, kw]` for correlation and convolution
 * (PyTorch's Conv2d weight), `[c_in, c_out/groups, kh, kw]` for transposed (PyTorch's ConvTranspose2d weight).
 * `bias: [c_out]`. Defaults: padding 'valid', stride 1, dilation 1, groups 1, output padding 0 (transposed only).
 */
export interface ExportSpec {
  op: ExportOp;
  X: Volume;
  K: Filters;
  bias?: number[];
  padding?: Padding;
  stride?: number | Pair;
  dilation?: number | Pair;
  groups?: number;
  outputPadding?: number | Pair;
}

/** The spec with every number explicit, as the generators write it. */
export interface ResolvedSpec {
  op: ExportOp;
  X: Volume;
  K: Filters;
  bias?: number[];
  /** The padding as the user chose it ('same', a number, explicit): the generators explain 'same'. */
  padding: Padding;
  /** Rows/columns added (correlation, convolution) or cropped (transposed) on each side. */
  pads: { top: number; bottom: number; left: number; right: number };
  stride: Pair;
  dilation: Pair;
  /** Transposed only: rows/columns added at the bottom/right ([0, 0] otherwise). */
  outputPadding: Pair;
  groups: number;
  cIn: number;
  cOut: number;
  cInPerGroup: number;
  cOutPerGroup: number;
  kH: number;
  kW: number;
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  /** Dilated kernel size d·(k − 1) + 1. */
  effKH: number;
  effKW: number;
}

/**
 * Validates a spec and makes every number explicit. Throws (messages start with "export:") like `multiGeometry` or
 * `transposedMultiGeometry`, for a bias of the wrong length, for an unknown op, and
 * "export: output padding applies to the transposed convolution only".
 */
export function resolveSpec(spec: ExportSpec): ResolvedSpec {
  const op = 'export';
  const padding = spec.padding ?? 'valid';
  const common = { op: spec.op, X: spec.X, K: spec.K, padding, groups: spec.groups ?? 1 };
  if (spec.op === 'transposed') {
    const m = transposedMultiGeometry(op, spec.X, spec.K, spec);
    const g = m.geom;
    return {
      ...common,
      ...channels(m),
      bias: spec.bias && validateBias(op, spec.bias, m.cOut),
      pads: { top: g.padTop, bottom: g.padBottom, left: g.padLeft, right: g.padRight },
      stride: [g.strideH, g.strideW],
      dilation: [g.dilationH, g.dilationW],
      outputPadding: [g.outputPadH, g.outputPadW],
      ...sizes(g),
    };
  }
  if (spec.op !== 'correlation' && spec.op !== 'convolution')
    throw new Error(`${op}: unknown operation ${String(spec.op)}`);
  const op0 = spec.outputPadding ?? 0;
  if (op0 !== 0 && !(Array.isArray(op0) && op0[0] === 0 && op0[1] === 0)) {
    throw new Error(`${op}: output padding applies to the transposed convolution only`);
  }
  const m = multiGeometry(op, spec.X, spec.K, spec);
  const g = m.geom;
  return {
    ...common,
    ...channels(m),
    bias: spec.bias && validateBias(op, spec.bias, m.cOut),
    pads: { top: g.padTop, bottom: g.padBottom, left: g.padLeft, right: g.padRight },
    stride: [g.strideH, g.strideW],
    dilation: [g.dilationH, g.dilationW],
    outputPadding: [0, 0],
    ...sizes(g),
  };
}

function channels(m: { cIn: number; cOut: number; cInPerGroup: number; cOutPerGroup: number }) {
  return { cIn: m.cIn, cOut: m.cOut, cInPerGroup: m.cInPerGroup, cOutPerGroup: m.cOutPerGroup };
}

function sizes(g: {
  kH: number;
  kW: number;
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  effKH: number;
  effKW: number;
}) {
  return { kH: g.kH, kW: g.kW, inH: g.inH, inW: g.inW, outH: g.outH, outW: g.outW, effKH: g.effKH, effKW: g.effKW };
}

/**
 * The product's numbers for a spec, `[c_out, outH, outW]` in float64: `corr2dMultiReference`,
 * `convolve2dMultiReference` or `convTranspose2dMultiReference`. Every exported snippet must print these.
 */
export function exportReference(spec: ExportSpec): Volume {
  resolveSpec(spec);
  const { X, K, padding, stride, dilation, groups, bias, outputPadding } = spec;
  if (spec.op === 'transposed') {
    return convTranspose2dMultiReference(X, K, { padding, stride, dilation, groups, bias, outputPadding });
  }
  const f = spec.op === 'correlation' ? corr2dMultiReference : convolve2dMultiReference;
  return f(X, K, { padding, stride, dilation, groups, bias });
}

/** A one-channel spec from 2-D matrices: `X: [h, w]` → `[1, h, w]`, `K: [kh, kw]` → `[1, 1, kh, kw]`, bias → `[b]`. */
export function specFrom2d(
  op: ExportOp,
  X: Matrix,
  K: Matrix,
  opts: Omit<ExportSpec, 'op' | 'X' | 'K' | 'bias' | 'groups'> & { bias?: number } = {},
): ExportSpec {
  const { bias, ...rest } = opts;
  return { op, X: [X], K: [[K]], ...rest, ...(bias === undefined ? {} : { bias: [bias] }) };
}
