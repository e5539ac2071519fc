// Dilation by writing zeros into the kernel. tfjs (like TensorFlow's Keras layers) refuses stride > 1 together with
// dilation > 1, and its conv2dTranspose takes no dilation at all; a kernel with d − 1 zeros between taps is the same
// operation (Yu & Koltun, "Multi-Scale Context Aggregation by Dilated Convolutions", 2016, §2).

import { pad, reshape, slice, type Tensor4D } from '@tensorflow/tfjs-core';

/**
 * `filter: [kh, kw, in, out]` → `[dh·(kh − 1) + 1, dw·(kw − 1) + 1, in, out]` with dh − 1 (dw − 1) zeros between taps:
 * each tap padded to dh×dw, then the trailing zeros dropped. Must run inside a `tf.tidy`.
 */
export function dilateFilter(filter: Tensor4D, dilationH: number, dilationW: number): Tensor4D {
  const [kH, kW, cIn, cOut] = filter.shape;
  if (dilationH === 1 && dilationW === 1) return filter;
  const taps = reshape(filter, [kH, 1, kW, 1, cIn * cOut]);
  const spaced = pad(taps, [
    [0, 0],
    [0, dilationH - 1],
    [0, 0],
    [0, dilationW - 1],
    [0, 0],
  ]);
  const grid = reshape(spaced, [kH * dilationH, kW * dilationW, cIn, cOut]) as Tensor4D;
  return slice(grid, [0, 0, 0, 0], [dilationH * (kH - 1) + 1, dilationW * (kW - 1) + 1, cIn, cOut]);
}
