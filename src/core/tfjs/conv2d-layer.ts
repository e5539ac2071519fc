// A single-channel convolutional layer as in d2l §7.2.3: a kernel and a scalar bias, forward = corr2d(X, K) + b.

import { corr2d } from './tensor';
import type { ConvOptions } from '../geometry';
import { mapMatrix, validateMatrix, type Matrix } from '../matrix';

/**
 * One-channel 2-D convolutional layer (d2l §7.2.3 `Conv2D`): `forward(X) = corr2d(X, kernel) + bias`, the bias added
 * to every output cell AFTER the cross-correlation. (The book's TF2 port adds the bias into the kernel before
 * correlating — a bug: with K = [[0, 1], [2, 3]], b = 1 on Fig. 5.1's X it gives [[27, 37], [57, 67]] instead of
 * [[20, 26], [38, 44]].) Runs on tfjs: the caller registers and selects a backend.
 */
export class Conv2D {
  kernel: Matrix;
  bias: number;

  /** `kernel: [kh, kw]`, `bias` a scalar (default 0). Throws "Conv2D: …" for a bad kernel or a non-finite bias. */
  constructor(kernel: Matrix, bias = 0) {
    this.kernel = validateMatrix('Conv2D', 'kernel', kernel);
    if (!Number.isFinite(bias)) throw new Error(`Conv2D: bias ${bias} is not a finite number`);
    this.bias = bias;
  }

  /** `X: [h, w]` → `[outH, outW]` (valid, stride 1: `[h − kh + 1, w − kw + 1]`). Throws like `corr2d`. */
  forward(X: Matrix, opts: ConvOptions = {}): Matrix {
    const b = this.bias;
    return mapMatrix(corr2d(X, this.kernel, opts), (v) => v + b);
  }
}
