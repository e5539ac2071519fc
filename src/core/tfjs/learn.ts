// Learning a kernel on TensorFlow.js: forward pass and gradient by tf.variableGrads, one update per step() so a panel
// can animate the run. The caller registers a backend and the gradients (in a browser bundle:
// `import '@tensorflow/tfjs-core/dist/register_all_gradients'`); the wasm backend has no Conv2D gradient.

import { fromFlat, type Matrix } from '../matrix';
import { type LearnOptions, type LearnResult, type StepRecord } from '../learn-reference';
import { TfjsDescent } from './descent';
import { SteppedLearner, type UpdateVerdict } from '../learner-base';
import { stabilityReport } from '../stability';

export { learnKernelReference, type LearnOptions, type LearnResult, type StepRecord } from '../learn-reference';

/**
 * Stepwise gradient descent on L = Σ(corr2d(X, K) + b − Y)² (summed squared error; d2l §7.2.5) with tfjs.
 * X `[1, h, w, 1]` and Y `[1, oh, ow, 1]` are constants, K `[kh, kw, 1, 1]` and b (a scalar, only trained when
 * `useBias`) are variables. Every step runs inside `tf.tidy`: the tensor count stays flat. Call `dispose()` at the end.
 * Throws like `resolveLearnOptions`, and "learnKernel: no gradient registered for Conv2D …" when the caller has not
 * registered the gradients.
 */
export class KernelLearner extends SteppedLearner {
  private readonly descent: TfjsDescent;
  constructor(opts: LearnOptions) {
    super(opts);
    const { X, Y, kH, kW, initKernel, initBias, useBias } = this.options;
    this.descent = new TfjsDescent(
      { data: X.flat(), shape: [1, X.length, X[0].length, 1] },
      { data: Y.flat(), shape: [1, Y.length, Y[0].length, 1] },
      { data: initKernel.flat(), shape: [kH, kW, 1, 1] },
      initBias,
      useBias,
    );
  }

  /** The current kernel `[kh, kw]` and bias. */
  parameters(): { kernel: Matrix; bias: number } {
    this.assertAlive();
    const { k, b } = this.descent;
    return { kernel: fromFlat(k.dataSync(), this.options.kH, this.options.kW), bias: b.dataSync()[0] };
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

  private assertAlive(): void {
    if (this.state === 'disposed') throw new Error('learnKernel: the learner was disposed');
  }
}

/**
 * Runs a `KernelLearner` to the end and disposes it: `{ records, stability, converged, diverged, kernel, bias }`.
 * `stability` is `stabilityReport` for the run's learning rate (whether lr < 2/λmax of the loss's Hessian).
 * Throws like `KernelLearner`.
 */
export function learnKernel(opts: LearnOptions): LearnResult {
  const learner = new KernelLearner(opts);
  try {
    const records: StepRecord[] = [];
    for (let r = learner.step(); r !== null; r = learner.step()) records.push(r);
    const o = learner.options;
    const stability = stabilityReport(o.X, o.kH, o.kW, o.useBias, o.lr);
    return { records, stability, converged: learner.converged, diverged: learner.diverged, ...learner.parameters() };
  } finally {
    learner.dispose();
  }
}
