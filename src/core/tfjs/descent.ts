// The gradient-descent step both tfjs learners share (one channel in ./learn.ts, several in ./learn-multi.ts): the
// loss L = Σ(conv2d(X, K) + b − Y)² (summed squared error, d2l §7.2.4) and its gradient by tf.variableGrads.

import {
  add,
  conv2d,
  getGradient,
  mul,
  scalar,
  square,
  sub,
  sum,
  tensor4d,
  tidy,
  variable,
  variableGrads,
  type Scalar,
  type Tensor,
  type Tensor4D,
  type Variable,
} from '@tensorflow/tfjs-core';
import { classifyLoss } from '../learn-reference';
import type { UpdateVerdict } from '../learner-base';

/** A 4-D tensor's values and shape. */
export interface Flat4D {
  data: ArrayLike<number>;
  shape: [number, number, number, number];
}

/**
 * X `[1, h, w, c_in]` (NHWC) and Y `[1, oh, ow, 1]` as constants, K `[kh, kw, c_in, 1]` (tf's filter layout) and the
 * scalar b (trained only when `useBias`) as variables. Throws "learnKernel: no gradient registered for Conv2D …" when
 * the caller has not registered the gradients (the wasm backend has none).
 */
export class TfjsDescent {
  private readonly x: Tensor4D;
  private readonly y: Tensor4D;
  readonly k: Variable;
  readonly b: Variable;

  constructor(X: Flat4D, Y: Flat4D, K: Flat4D, initBias: number, useBias: boolean) {
    if (getGradient('Conv2D') == null) {
      throw new Error(
        "learnKernel: no gradient registered for Conv2D; import '@tensorflow/tfjs-core/dist/register_all_gradients'",
      );
    }
    this.x = tensor4d(Float32Array.from(X.data), X.shape, 'float32');
    this.y = tensor4d(Float32Array.from(Y.data), Y.shape, 'float32');
    // tidy drops the initial values; the variables keep their own reference to the data.
    [this.k, this.b] = tidy(() => [
      variable(tensor4d(Float32Array.from(K.data), K.shape, 'float32'), true),
      variable(scalar(initBias), useBias),
    ]);
  }

  /** Evaluates L and its gradient at the current parameters; when the loss allows, K ← K − lr·∂L/∂K (and b). */
  update(lr: number, useBias: boolean, tolerance: number): UpdateVerdict {
    return tidy(() => {
      const vars = useBias ? [this.k, this.b] : [this.k];
      const { value, grads } = variableGrads(() => this.loss(), vars);
      const loss = value.dataSync()[0];
      const kind = classifyLoss(loss, tolerance);
      if (kind !== 'update') return { kind, loss };
      const nextK = sub(this.k, mul(grads[this.k.name], lr));
      // Never assign a variable to itself: assign() releases the old data first.
      const nextB = useBias ? sub(this.b, mul(grads[this.b.name], lr)) : null;
      if (!allFinite(nextK) || (nextB && !allFinite(nextB))) return { kind: 'diverged' as const, loss };
      this.k.assign(nextK);
      if (nextB) this.b.assign(nextB);
      return { kind, loss };
    });
  }

  /** Releases the tensors. */
  dispose(): void {
    [this.x, this.y, this.k, this.b].forEach((t) => t.dispose());
  }

  private loss(): Scalar {
    const yHat = add(conv2d(this.x, this.k as Tensor4D, 1, 'valid'), this.b);
    return sum(square(sub(yHat, this.y)));
  }
}

function allFinite(t: Tensor): boolean {
  return t.dataSync().every(Number.isFinite);
}
