// Learning one output channel's kernel over several input channels on TensorFlow.js (d2l §7.2.4 with the channels of
// §7.4): forward pass and gradient by tf.variableGrads, one update per step() so a panel can animate the run. The
// caller registers a backend and the gradients (see ./learn.ts); the layouts convert in ../layout.

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
import { filtersToTf, tfToFilters, volumeToHwc } from '../layout';
import { classifyLoss } from '../learn-reference';
import { Learner, type UpdateVerdict } from '../learner-base';
import { resolveMultiLearnOptions, type MultiLearnOptions, type ResolvedMultiLearnOptions } from '../learn-multi';
import type { Volume } from '../volume';

/**
 * Stepwise gradient descent on L = Σ(corr2dMulti(X, K) + b − Y)² (summed squared error; d2l §7.2.4, §7.4.1) with
 * tfjs. X `[1, h, w, c_in]` (NHWC) and Y `[1, oh, ow, 1]` are constants; K `[kh, kw, c_in, 1]` (tf's filter layout of
 * the PyTorch weight `[1, c_in, kh, kw]`) and b (a scalar, trained only when `useBias`) are variables. Every step runs
 * inside `tf.tidy`; call `dispose()` at the end. Throws like `resolveMultiLearnOptions`, and "learnKernel: no gradient
 * registered for Conv2D …" when the caller has not registered the gradients.
 */
export class MultiKernelLearner extends Learner<ResolvedMultiLearnOptions, Volume> {
  private readonly x: Tensor4D;
  private readonly y: Tensor4D;
  private readonly k: Variable;
  private readonly b: Variable;
  constructor(opts: MultiLearnOptions) {
    super(resolveMultiLearnOptions(opts));
    if (getGradient('Conv2D') == null) {
      throw new Error(
        "learnKernel: no gradient registered for Conv2D; import '@tensorflow/tfjs-core/dist/register_all_gradients'",
      );
    }
    const { X, Y } = this.options;
    const hwc = volumeToHwc(X);
    const [h, w, c] = hwc.shape;
    this.x = tensor4d(hwc.data, [1, h, w, c], 'float32');
    this.y = tensor4d(Y.flat(), [1, Y.length, Y[0].length, 1], 'float32');
    const f = filtersToTf([this.options.initKernel]);
    [this.k, this.b] = tidy(() => [
      variable(tensor4d(f.data, f.shape as [number, number, number, number], 'float32'), true),
      variable(scalar(this.options.initBias), this.options.useBias),
    ]);
  }

  /** The current kernel `[c_in, kh, kw]` and bias. */
  parameters(): { kernel: Volume; bias: number } {
    if (this.state === 'disposed') throw new Error('learnKernel: the learner was disposed');
    return { kernel: tfToFilters(this.k.dataSync(), this.k.shape)[0], bias: this.b.dataSync()[0] };
  }

  /** Evaluates L and its gradient at the current parameters; when the loss allows, K ← K − lr·∂L/∂K (and b). */
  protected update(): UpdateVerdict {
    const { lr, useBias, tolerance } = this.options;
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

  /** Releases the tensors; the learner is done afterwards. Safe to call twice. */
  dispose(): void {
    if (this.state === 'disposed') return;
    this.state = 'disposed';
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
