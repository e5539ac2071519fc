// The ONE module that converts between PyTorch's and TensorFlow's memory layouts, as flat row-major data plus a
// shape. PyTorch: input NCHW, Conv2d weight `[out, in/groups, kh, kw]`, ConvTranspose2d weight `[in, out/groups, kh,
// kw]`. TensorFlow / TensorFlow.js: input NHWC, conv2d filter `[kh, kw, in, out]`, conv2d_transpose filter
// `[kh, kw, out, in]`, depthwise filter `[kh, kw, in, multiplier]`. A plain reshape between them scrambles the
// kernels (the classic porting bug); `misreadFilters` computes exactly what that bug does.

import { corr2dMultiReference, type MultiBiasOptions } from './channels';
import {
  filtersShape,
  flattenFilters,
  validateFilters,
  validateVolume,
  volumeShape,
  type Filters,
  type Volume,
} from './volume';

/** Flat row-major values and the shape they fill. */
export interface Flat {
  data: number[];
  shape: number[];
}

/**
 * Axis permutation of a row-major array (numpy.transpose): result axis `k` is input axis `perm[k]`.
 * `data` of length Πshape → the permuted data and shape `perm.map(k => shape[k])`. Throws when the data does not fill
 * the shape or `perm` is not a permutation of 0…rank−1.
 */
export function permuteAxes(data: ArrayLike<number>, shape: readonly number[], perm: readonly number[]): Flat {
  const size = shape.reduce((p, n) => p * n, 1);
  if (data.length !== size) throw new Error(`permuteAxes: ${data.length} values cannot fill [${shape.join(', ')}]`);
  if (perm.length !== shape.length || [...perm].sort((a, b) => a - b).some((p, k) => p !== k)) {
    throw new Error(`permuteAxes: [${perm.join(', ')}] is not a permutation of the ${shape.length} axes`);
  }
  const outShape = perm.map((k) => shape[k]);
  const inStrides = strides(shape);
  const step = perm.map((k) => inStrides[k]); // input stride of each output axis
  const out = new Array<number>(size);
  const idx = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < size; n++) {
    out[n] = data[idx.reduce((s, v, k) => s + v * step[k], 0)];
    for (let k = idx.length - 1; k >= 0 && ++idx[k] === outShape[k]; k--) idx[k] = 0; // odometer, last axis fastest
  }
  return { data: out, shape: outShape };
}

function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) s[k] = s[k + 1] * shape[k + 1];
  return s;
}

/**
 * PyTorch Conv2d weight `[out, in, kh, kw]` → TensorFlow conv2d filter `[kh, kw, in, out]` (axes 2, 3, 1, 0).
 * The same permutation takes a ConvTranspose2d weight `[in, out, kh, kw]` to tf's conv2d_transpose filter
 * `[kh, kw, out, in]`. Throws when the data does not fill the shape or the shape is not 4-D.
 */
export function torchWeightToTf(data: ArrayLike<number>, shape: readonly number[]): Flat {
  return permuteAxes(data, rank4('torchWeightToTf', shape), [2, 3, 1, 0]);
}

/** TensorFlow filter `[kh, kw, in, out]` → PyTorch weight `[out, in, kh, kw]` (axes 3, 2, 0, 1); inverse of the above. */
export function tfFilterToTorch(data: ArrayLike<number>, shape: readonly number[]): Flat {
  return permuteAxes(data, rank4('tfFilterToTorch', shape), [3, 2, 0, 1]);
}

/** Channels-first `[c, h, w]` (PyTorch, one image of NCHW) → channels-last `[h, w, c]` (TensorFlow NHWC). */
export function chwToHwc(data: ArrayLike<number>, shape: readonly number[]): Flat {
  return permuteAxes(data, rank3('chwToHwc', shape), [1, 2, 0]);
}

/** Channels-last `[h, w, c]` → channels-first `[c, h, w]`; inverse of `chwToHwc`. */
export function hwcToChw(data: ArrayLike<number>, shape: readonly number[]): Flat {
  return permuteAxes(data, rank3('hwcToChw', shape), [2, 0, 1]);
}

/** `K: [c_out, c_in/groups, kh, kw]` (nested) → tf conv2d filter data and shape `[kh, kw, c_in/groups, c_out]`. */
export function filtersToTf(K: Filters): Flat {
  validateFilters('filtersToTf', 'K', K);
  return torchWeightToTf(flattenFilters(K), filtersShape(K));
}

/** A tf filter `[kh, kw, in, out]` (flat) → nested `K: [out, in, kh, kw]`. Throws like `tfFilterToTorch`. */
export function tfToFilters(data: ArrayLike<number>, shape: readonly number[]): Filters {
  const t = tfFilterToTorch(data, shape);
  return nest(t.data, t.shape) as Filters;
}

/** `X: [c, h, w]` (nested) → NHWC data of one image, shape `[h, w, c]`. */
export function volumeToHwc(X: Volume): Flat {
  validateVolume('volumeToHwc', 'X', X);
  return chwToHwc(X.flat(2), volumeShape(X));
}

/** HWC data, shape `[h, w, c]` → nested `X: [c, h, w]`. */
export function hwcToVolume(data: ArrayLike<number>, shape: readonly number[]): Volume {
  const t = hwcToChw(data, shape);
  return nest(t.data, t.shape) as Volume;
}

/**
 * Depthwise weight in PyTorch's layout `[c·m, 1, kh, kw]` (groups = c, m outputs per input channel) → tf.nn /
 * tf.depthwiseConv2d filter `[kh, kw, c, m]`. Output channel `c·m + q` of both is input channel c's q-th kernel.
 * Throws when the weight is not `[c·m, 1, kh, kw]` with c dividing c·m.
 */
export function torchDepthwiseToTf(K: Filters, cIn: number): Flat {
  const [cOut, per, kH, kW] = filtersShape(validateFilters('torchDepthwiseToTf', 'K', K));
  if (per !== 1 || cOut % cIn !== 0) {
    throw new Error(
      `torchDepthwiseToTf: K is [${cOut}, ${per}, ${kH}, ${kW}], expected [c_in·m, 1, kh, kw], c_in ${cIn}`,
    );
  }
  // [c·m, 1, kh, kw] is row-major [c, m, kh, kw]; tf wants [kh, kw, c, m].
  return permuteAxes(flattenFilters(K), [cIn, cOut / cIn, kH, kW], [2, 3, 0, 1]);
}

/**
 * The classic porting bug: PyTorch weight data reshaped (not transposed) into TensorFlow's `[kh, kw, in, out]`.
 * Returns, in PyTorch layout, the kernels TensorFlow then actually applies. torch (2,1,2,2) with kernels
 * `[[1,2],[3,4]]`, `[[5,6],[7,8]]` reads as `[[1,3],[5,7]]`, `[[2,4],[6,8]]`.
 */
export function misreadFilters(K: Filters): Filters {
  const [cOut, cIn, kH, kW] = filtersShape(validateFilters('misreadFilters', 'K', K));
  return tfToFilters(flattenFilters(K), [kH, kW, cIn, cOut]);
}

/**
 * What a plain reshape of the PyTorch weight would compute: `corr2dMultiReference(X, misreadFilters(K), opts)`, so a
 * view can say "a plain reshape would give …". On X = 0..8 (3×3) with the weight above, channel 0 is
 * `[[46,62],[94,110]]` instead of `[[27,37],[57,67]]`. Throws like `corr2dMultiReference`.
 */
export function plainReshapeOutput(X: Volume, K: Filters, opts: MultiBiasOptions = {}): Volume {
  return corr2dMultiReference(X, misreadFilters(K), opts);
}

/** Flat row-major data → nested arrays of `shape` (rank ≥ 1). */
export function nest(data: ArrayLike<number>, shape: readonly number[]): unknown[] {
  const size = shape.reduce((p, n) => p * n, 1);
  if (data.length !== size) throw new Error(`nest: ${data.length} values cannot fill [${shape.join(', ')}]`);
  const build = (axis: number, offset: number): unknown[] => {
    const inner = shape.slice(axis + 1).reduce((p, n) => p * n, 1);
    return Array.from({ length: shape[axis] }, (_, k) =>
      axis === shape.length - 1 ? data[offset + k] : build(axis + 1, offset + k * inner),
    );
  };
  return build(0, 0);
}

function rank4(op: string, shape: readonly number[]): readonly number[] {
  if (shape.length !== 4) throw new Error(`${op}: shape [${shape.join(', ')}] is not 4-D`);
  return shape;
}

function rank3(op: string, shape: readonly number[]): readonly number[] {
  if (shape.length !== 3) throw new Error(`${op}: shape [${shape.join(', ')}] is not 3-D`);
  return shape;
}
