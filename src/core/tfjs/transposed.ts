// Transposed convolution on TensorFlow.js. tf.conv2dTranspose (the gradient of conv2d with respect to its input) takes
// the filter as `[kh, kw, out, in]` and has neither dilation nor groups nor PyTorch's output padding, so: dilation is
// written into the kernel, groups run one call per group (split, concat), and the full scatter result
// `(n − 1)·s + effK` is computed with 'valid', extended by the output padding and cropped by the padding — the
// geometry of `transposedGeometry`, so tfjs and the float64 scatter cannot disagree about where cells land.

import {
  add,
  concat,
  conv2dTranspose,
  expandDims,
  pad,
  reshape,
  slice,
  split,
  tensor1d,
  tensor3d,
  tensor4d,
  tidy,
  type Tensor1D,
  type Tensor3D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import type { Matrix } from '../matrix';
import { transposedGeometry, type TransposedGeometry, type TransposedOptions } from '../transposed-geometry';
import { transposedCorrGeometry, transposedMultiGeometry, type TransposedMultiOptions } from '../transposed';
import { validateBias } from '../channels';
import { hwcToVolume, torchWeightToTf, volumeToHwc } from '../layout';
import { filtersShape, flattenFilters, type Filters, type Volume } from '../volume';
import { dilateFilter } from './dilate';

/**
 * 2-D transposed convolution on tfjs, inside `tf.tidy`. `X: [h, w]`, `K: [kh, kw]` → `[outH, outW]` float32, as
 * `convTranspose2dReference` (PyTorch conventions). Throws "convTranspose2d: …" like it.
 */
export function convTranspose2d(X: Matrix, K: Matrix, opts: TransposedOptions = {}): Matrix {
  transposedCorrGeometry('convTranspose2d', X, K, opts);
  return convTranspose2dMulti([X], [[K]], opts)[0];
}

/**
 * Multi-channel transposed convolution on tfjs: `X: [c_in, h, w]`, `K: [c_in, c_out/groups, kh, kw]` (PyTorch's
 * ConvTranspose2d weight, converted to tf's `[kh, kw, out, in]` by `torchWeightToTf`), `bias: [c_out]` →
 * `[c_out, outH, outW]` float32. Throws like `convTranspose2dMultiReference`.
 */
export function convTranspose2dMulti(X: Volume, K: Filters, opts: TransposedMultiOptions = {}): Volume {
  const op = 'convTranspose2dMulti';
  const m = transposedMultiGeometry(op, X, K, opts);
  const bias = opts.bias === undefined ? undefined : validateBias(op, opts.bias, m.cOut);
  const hwc = volumeToHwc(X);
  const f = torchWeightToTf(flattenFilters(K), filtersShape(K));
  const y = tidy(() =>
    scatterTensors(
      tensor3d(hwc.data, hwc.shape as [number, number, number]),
      tensor4d(f.data, f.shape as [number, number, number, number]),
      m.geom,
      m.groups,
      bias && tensor1d(bias),
    ),
  );
  try {
    return hwcToVolume(y.dataSync(), y.shape);
  } finally {
    y.dispose();
  }
}

/**
 * For callers that stay on tensors, in TensorFlow's layout: `x: [h, w, c_in]` (HWC), `k: [kh, kw, c_out/groups, c_in]`
 * (tf's conv2d_transpose filter), optional `bias: [c_out]` → a new `[outH, outW, c_out]` tensor the caller disposes.
 * Throws "convTranspose2d: …" for wrong ranks or channel counts.
 */
export function convTranspose2dTensor(
  x: Tensor3D,
  k: Tensor4D,
  opts: TransposedOptions & { groups?: number; bias?: Tensor1D } = {},
): Tensor3D {
  const op = 'convTranspose2d';
  if (x.rank !== 3) throw new Error(`${op}: x must be a 3-D tensor [h, w, c_in], got shape [${x.shape.join(', ')}]`);
  if (k.rank !== 4) {
    throw new Error(`${op}: k must be a 4-D tensor [kh, kw, c_out/groups, c_in], got shape [${k.shape.join(', ')}]`);
  }
  const [inH, inW, cIn] = x.shape;
  const [kH, kW, outPerGroup, kIn] = k.shape;
  const groups = opts.groups ?? 1;
  if (kIn !== cIn) throw new Error(`${op}: k has ${kIn} input channels, x has ${cIn}`);
  if (!Number.isInteger(groups) || groups < 1 || cIn % groups !== 0) {
    throw new Error(`${op}: groups ${groups} does not divide c_in ${cIn}`);
  }
  if (opts.bias && (opts.bias.rank !== 1 || opts.bias.shape[0] !== outPerGroup * groups)) {
    throw new Error(`${op}: bias has shape [${opts.bias.shape.join(', ')}], expected [${outPerGroup * groups}]`);
  }
  const geom = transposedGeometry({ inH, inW, kH, kW, ...opts }, op);
  return tidy(() => scatterTensors(x, k, geom, groups, opts.bias));
}

/** `x: [h, w, c_in]`, `k: [kh, kw, c_out/groups, c_in]` → `[outH, outW, c_out]`. Inside a tidy. */
function scatterTensors(x: Tensor3D, k: Tensor4D, g: TransposedGeometry, groups: number, bias?: Tensor1D): Tensor3D {
  const kernel = dilateFilter(k, g.dilationH, g.dilationW);
  const fullH = (g.inH - 1) * g.strideH + g.effKH;
  const fullW = (g.inW - 1) * g.strideW + g.effKW;
  const outPerGroup = k.shape[2];
  const x4 = expandDims(x, 0) as Tensor4D;
  const xs = groups === 1 ? [x4] : (split(x4, groups, 3) as Tensor4D[]);
  const ks = groups === 1 ? [kernel] : (split(kernel, groups, 3) as Tensor4D[]);
  const parts = xs.map((xg, n) =>
    conv2dTranspose(xg, ks[n], [1, fullH, fullW, outPerGroup], [g.strideH, g.strideW], 'valid'),
  );
  const full = parts.length === 1 ? parts[0] : concat(parts, 3);
  // Output padding adds zero rows/columns after the full result; padding crops before/after (PyTorch's convention).
  const extended = pad(full, [
    [0, 0],
    [0, g.outputPadH],
    [0, g.outputPadW],
    [0, 0],
  ]);
  const cropped = slice(extended, [0, g.padTop, g.padLeft, 0], [1, g.outH, g.outW, outPerGroup * groups]);
  const out = reshape(cropped, [g.outH, g.outW, outPerGroup * groups]) as Tensor3D;
  return bias ? add(out, bias) : out;
}
