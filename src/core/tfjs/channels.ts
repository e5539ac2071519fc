// Multi-channel cross-correlation on TensorFlow.js. tf.conv2d works in NHWC with filters `[kh, kw, in, out]` and has
// no groups argument, so groups run as one conv2d per group (split, then concat, as Keras's Conv2D does for groups >
// 1), and the depthwise case (groups = c_in, one input channel per group) runs on tf.depthwiseConv2d. Layouts are
// converted by `../layout`; the geometry, as for one channel, comes from `convGeometry` as explicit padding.

import {
  add,
  concat,
  conv2d,
  depthwiseConv2d,
  expandDims,
  reshape,
  reverse,
  split,
  tensor1d,
  tensor3d,
  tensor4d,
  tidy,
  type Tensor1D,
  type Tensor3D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import { convGeometry, type Geometry } from '../geometry';
import { multiGeometry, validateBias, type MultiBiasOptions, type MultiGeometry, type MultiOptions } from '../channels';
import { filtersToTf, hwcToVolume, volumeToHwc } from '../layout';
import { flipFilters, type Filters, type Volume } from '../volume';
import { dilateFilter } from './dilate';

/**
 * Multi-channel cross-correlation on tfjs, inside `tf.tidy`. `X: [c_in, h, w]`, `K: [c_out, c_in/groups, kh, kw]`
 * (PyTorch weight layout, converted to tf's `[kh, kw, in, out]` by `filtersToTf`), `bias: [c_out]` →
 * `[c_out, outH, outW]` in float32. Same result as `corr2dMultiReference` up to float32 rounding; throws like it.
 */
export function corr2dMulti(X: Volume, K: Filters, opts: MultiBiasOptions = {}): Volume {
  return run('corr2dMulti', X, K, opts);
}

/** Multi-channel true convolution on tfjs: every kernel flipped both ways, then `corr2dMulti` (d2l §7.2.1 note). */
export function convolve2dMulti(X: Volume, K: Filters, opts: MultiBiasOptions = {}): Volume {
  multiGeometry('convolve2dMulti', X, K, opts);
  return run('convolve2dMulti', X, flipFilters(K), opts);
}

function run(op: string, X: Volume, K: Filters, opts: MultiBiasOptions): Volume {
  const m = multiGeometry(op, X, K, opts);
  const bias = validateBias(op, opts.bias, m.cOut);
  const hwc = volumeToHwc(X);
  const f = filtersToTf(K);
  const y = tidy(() =>
    correlateMulti(
      tensor3d(hwc.data, hwc.shape as [number, number, number]),
      tensor4d(f.data, f.shape as [number, number, number, number]),
      m,
      opts.bias === undefined ? undefined : tensor1d(bias),
    ),
  );
  try {
    return hwcToVolume(y.dataSync(), y.shape);
  } finally {
    y.dispose();
  }
}

/**
 * For callers that stay on tensors, in TensorFlow's layout: `x: [h, w, c_in]` (HWC), `k: [kh, kw, c_in/groups, c_out]`,
 * optional `bias: [c_out]` → a new `[outH, outW, c_out]` tensor the caller disposes (intermediates are tidied).
 * Throws "corr2dMulti: …" for tensors of the wrong rank or channel counts that do not match the groups.
 */
export function corr2dMultiTensor(x: Tensor3D, k: Tensor4D, opts: MultiOptions & { bias?: Tensor1D } = {}): Tensor3D {
  return tidy(() => correlateMulti(x, k, tensorGeometry('corr2dMulti', x, k, opts), opts.bias));
}

/** True convolution for callers that stay on tensors: `corr2dMultiTensor` with k flipped along kh and kw. */
export function convolve2dMultiTensor(
  x: Tensor3D,
  k: Tensor4D,
  opts: MultiOptions & { bias?: Tensor1D } = {},
): Tensor3D {
  return tidy(() => correlateMulti(x, reverse(k, [0, 1]), tensorGeometry('convolve2dMulti', x, k, opts), opts.bias));
}

function tensorGeometry(op: string, x: Tensor3D, k: Tensor4D, opts: MultiOptions & { bias?: Tensor1D }): MultiGeometry {
  if (x.rank !== 3) throw new Error(`${op}: x must be a 3-D tensor [h, w, c_in], got shape [${x.shape.join(', ')}]`);
  if (k.rank !== 4) {
    throw new Error(`${op}: k must be a 4-D tensor [kh, kw, c_in/groups, c_out], got shape [${k.shape.join(', ')}]`);
  }
  const [inH, inW, cIn] = x.shape;
  const [kH, kW, cInPerGroup, cOut] = k.shape;
  const groups = opts.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups ${groups} is not a positive integer`);
  if (cIn % groups !== 0) throw new Error(`${op}: groups ${groups} does not divide c_in ${cIn}`);
  if (cOut % groups !== 0) throw new Error(`${op}: groups ${groups} does not divide c_out ${cOut}`);
  if (cInPerGroup * groups !== cIn) {
    throw new Error(`${op}: k has ${cInPerGroup} input channels per group, x has ${cIn} channels (groups ${groups})`);
  }
  if (opts.bias && (opts.bias.rank !== 1 || opts.bias.shape[0] !== cOut)) {
    throw new Error(`${op}: bias has shape [${opts.bias.shape.join(', ')}], expected [${cOut}]`);
  }
  const { stride, dilation, padding } = opts;
  const geom = convGeometry({ inH, inW, kH, kW, stride, dilation, padding }, op);
  return { geom, cIn, cOut, groups, cInPerGroup, cOutPerGroup: cOut / groups };
}

/** The tf calls; `x: [h, w, c_in]`, `k: [kh, kw, c_in/groups, c_out]` → `[outH, outW, c_out]`. Inside a tidy. */
function correlateMulti(x: Tensor3D, k: Tensor4D, m: MultiGeometry, bias?: Tensor1D): Tensor3D {
  const g = m.geom;
  const x4 = expandDims(x, 0) as Tensor4D;
  let kernel = k;
  let dilation: [number, number] = [g.dilationH, g.dilationW];
  if ((g.strideH > 1 || g.strideW > 1) && (g.dilationH > 1 || g.dilationW > 1)) {
    kernel = dilateFilter(k, g.dilationH, g.dilationW);
    dilation = [1, 1];
  }
  const conv = (xg: Tensor4D, kg: Tensor4D) => conv2d(xg, kg, [g.strideH, g.strideW], padding(g), 'NHWC', dilation);
  let y: Tensor4D;
  if (m.groups === 1) y = conv(x4, kernel);
  else if (m.cInPerGroup === 1) {
    // Depthwise: torch's [c·mult, 1, kh, kw] became [kh, kw, 1, c·mult]; tf wants [kh, kw, c, mult], the same data.
    const [fh, fw] = kernel.shape;
    const f = reshape(kernel, [fh, fw, m.cIn, m.cOutPerGroup]) as Tensor4D;
    y = depthwiseConv2d(x4, f, [g.strideH, g.strideW], padding(g), 'NHWC', dilation);
  } else {
    const xs = split(x4, m.groups, 3) as Tensor4D[];
    const ks = split(kernel, m.groups, 3) as Tensor4D[];
    y = concat(
      xs.map((xg, i) => conv(xg, ks[i])),
      3,
    );
  }
  const out = reshape(y, [g.outH, g.outW, m.cOut]) as Tensor3D;
  return bias ? add(out, bias) : out;
}

function padding(g: Geometry): [[number, number], [number, number], [number, number], [number, number]] {
  return [
    [0, 0],
    [g.padTop, g.padBottom],
    [g.padLeft, g.padRight],
    [0, 0],
  ];
}
