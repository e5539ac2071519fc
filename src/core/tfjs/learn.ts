// Learning a kernel on TensorFlow.js: forward pass and gradient by tf.variableGrads, one update per step() so a panel
// can animate the run. The caller registers a backend and the gradients (in a browser bundle:
// `import '@tensorflow/tfjs-core/dist/register_all_gradients'`); the wasm backend has no Conv2D gradient.

import {
  conv2d,
  getGradient,
  mul,
  scalar,
  square,
  sub,
  sum,
  add,
  tensor4d,
  tidy,
  variable,
  variableGrads,
  type Scalar,
  type Tensor,
  type Tensor4D,
  type Variable,
} from '@tensorflow/tfjs-core';
import { fromFlat, type Matrix } from '../matrix';
import { classifyLoss, type LearnOptions, type LearnResult, type StepRecord } from '../learn-reference';
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
  private readonly x: Tensor4D;
  private readonly y: Tensor4D;
  private readonly k: Variable;
  private readonly b: Variable;
  constructor(opts: LearnOptions) {
    super(opts);
    if (getGradient('Conv2D') == null) {
      throw new Error(
        "learnKernel: no gradient registered for Conv2D; import '@tensorflow/tfjs-core/dist/register_all_gradients'",
      );
    }
    const { X, Y, kH, kW } = this.options;
    this.x = tensor4d(X.flat(), [1, X.length, X[0].length, 1], 'float32');
    this.y = tensor4d(Y.flat(), [1, Y.length, Y[0].length, 1], 'float32');
    // tidy drops the initial values; the variables keep their own reference to the data.
    [this.k, this.b] = tidy(() => [
      variable(tensor4d(this.options.initKernel.flat(), [kH, kW, 1, 1], 'float32'), true),
      variable(scalar(this.options.initBias), this.options.useBias),
    ]);
  }

  /** The current kernel `[kh, kw]` and bias. */
  parameters(): { kernel: Matrix; bias: number } {
    this.assertAlive();
    return { kernel: fromFlat(this.k.dataSync(), this.options.kH, this.options.kW), bias: this.b.dataSync()[0] };
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

  private assertAlive(): void {
    if (this.state === 'disposed') throw new Error('learnKernel: the learner was disposed');
  }
}

function allFinite(t: Tensor): boolean {
  return t.dataSync().every(Number.isFinite);
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
