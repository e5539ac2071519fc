// Cross-correlation on TensorFlow.js (tfjs-core only; whichever backend the caller registered and selected).
// Geometry comes from convGeometry and is handed to tf.conv2d as explicit padding, so tfjs and the plain-loop
// reference cannot disagree about where the window sits.

import { conv2d, reshape, reverse, tensor2d, tidy, type Tensor2D, type Tensor4D } from '@tensorflow/tfjs-core';
import { convGeometry, type ConvOptions, type Geometry } from '../geometry';
import { flipBoth, fromFlat, type Matrix } from '../matrix';
import { corrGeometry } from '../reference';
import { dilateFilter } from './dilate';

/**
 * 2-D cross-correlation on tfjs: `tf.conv2d` over NHWC, X as `[1, h, w, 1]`, K as `[kh, kw, 1, 1]` (in, out channels
 * 1), inside `tf.tidy` (no tensor leaks). `X: [h, w]`, `K: [kh, kw]` → `[outH, outW]` (see `convGeometry`), float32.
 * Throws "corr2d: …" like `corr2dReference` for bad matrices or a kernel larger than the input.
 */
export function corr2d(X: Matrix, K: Matrix, opts: ConvOptions = {}): Matrix {
  const g = corrGeometry('corr2d', X, K, opts);
  return readMatrix(() => correlateTensors(tensor2d(X), tensor2d(K), g), g);
}

/**
 * True 2-D convolution on tfjs: cross-correlation with K flipped top-bottom and left-right (d2l §7.2.1).
 * Shapes, options and errors as `corr2d` (messages start with "convolve2d:").
 */
export function convolve2d(X: Matrix, K: Matrix, opts: ConvOptions = {}): Matrix {
  const g = corrGeometry('convolve2d', X, K, opts);
  return readMatrix(() => correlateTensors(tensor2d(X), tensor2d(flipBoth(K)), g), g);
}

/**
 * Cross-correlation for callers that stay on tensors: `x: [h, w]`, `k: [kh, kw]` → a new `[outH, outW]` tensor the
 * caller disposes (intermediates are tidied). Throws "corr2d: …" for non-2-D tensors or a kernel too large.
 */
export function corr2dTensor(x: Tensor2D, k: Tensor2D, opts: ConvOptions = {}): Tensor2D {
  return tidy(() => correlateTensors(x, k, tensorGeometry('corr2d', x, k, opts)));
}

/** True convolution for callers that stay on tensors; as `corr2dTensor` with k flipped both ways. */
export function convolve2dTensor(x: Tensor2D, k: Tensor2D, opts: ConvOptions = {}): Tensor2D {
  return tidy(() => correlateTensors(x, reverse(k, [0, 1]), tensorGeometry('convolve2d', x, k, opts)));
}

function tensorGeometry(op: string, x: Tensor2D, k: Tensor2D, opts: ConvOptions): Geometry {
  if (x.rank !== 2) throw new Error(`${op}: x must be a 2-D tensor [h, w], got shape [${x.shape.join(', ')}]`);
  if (k.rank !== 2) throw new Error(`${op}: k must be a 2-D tensor [kh, kw], got shape [${k.shape.join(', ')}]`);
  const [inH, inW] = x.shape;
  const [kH, kW] = k.shape;
  return convGeometry({ inH, inW, kH, kW, ...opts }, op);
}

/** The tf.conv2d call; must run inside a tidy. */
function correlateTensors(x: Tensor2D, k: Tensor2D, g: Geometry): Tensor2D {
  const x4 = reshape(x, [1, g.inH, g.inW, 1]) as Tensor4D;
  const stride: [number, number] = [g.strideH, g.strideW];
  let dilation: [number, number] = [g.dilationH, g.dilationW];
  let kernel = reshape(k, [g.kH, g.kW, 1, 1]) as Tensor4D;
  // tfjs refuses stride > 1 together with dilation > 1; a kernel with the zeros written in is the same operation.
  if ((g.strideH > 1 || g.strideW > 1) && (g.dilationH > 1 || g.dilationW > 1)) {
    kernel = dilateFilter(kernel, g.dilationH, g.dilationW);
    dilation = [1, 1];
  }
  const padding: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [g.padTop, g.padBottom],
    [g.padLeft, g.padRight],
    [0, 0],
  ];
  const y = conv2d(x4, kernel, stride, padding, 'NHWC', dilation);
  return reshape(y, [g.outH, g.outW]);
}

function readMatrix(f: () => Tensor2D, g: Geometry): Matrix {
  const y = tidy(f);
  try {
    return fromFlat(y.dataSync(), g.outH, g.outW);
  } finally {
    y.dispose();
  }
}
