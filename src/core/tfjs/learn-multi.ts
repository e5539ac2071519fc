// Learning one output channel's kernel over several input channels on TensorFlow.js (d2l §7.2.4 with the channels of
// §7.4): forward pass and gradient by tf.variableGrads, one update per step() so a panel can animate the run. The
// caller registers a backend and the gradients (see ./learn.ts); the layouts convert in ../layout.

import { filtersToTf, tfToFilters, volumeToHwc } from '../layout';
import { TfjsDescent } from './descent';
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
  private readonly descent: TfjsDescent;
  constructor(opts: MultiLearnOptions) {
    super(resolveMultiLearnOptions(opts));
    const { X, Y, initKernel, initBias, useBias } = this.options;
    const hwc = volumeToHwc(X);
    const [h, w, c] = hwc.shape;
    const f = filtersToTf([initKernel]);
    this.descent = new TfjsDescent(
      { data: hwc.data, shape: [1, h, w, c] },
      { data: Y.flat(), shape: [1, Y.length, Y[0].length, 1] },
      { data: f.data, shape: f.shape as [number, number, number, number] },
      initBias,
      useBias,
    );
  }

  /** The current kernel `[c_in, kh, kw]` and bias. */
  parameters(): { kernel: Volume; bias: number } {
    if (this.state === 'disposed') throw new Error('learnKernel: the learner was disposed');
    const { k, b } = this.descent;
    return { kernel: tfToFilters(k.dataSync(), k.shape)[0], bias: b.dataSync()[0] };
  }

  /** Evaluates L and its gradient at the current parameters; when the loss allows, K ← K − lr·∂L/∂K (and b). */
  protected update(): UpdateVerdict {
    const { lr, useBias, tolerance } = this.options;
    return this.descent.update(lr, useBias, tolerance);
  }

  /** Releases the tensors; the learner is done afterwards. Safe to call twice. */
  dispose(): void {
    if (this.state === 'disposed') return;
    this.state = 'disposed';
    this.descent.dispose();
  }
}
