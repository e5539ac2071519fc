// Learning a kernel on the fast engine, for photo-sized inputs where tfjs takes 0.5–1.6 steps/s on a CPU
// (bench/last-run.md): the same stepping surface, options, stopping rules and records as the tfjs KernelLearner.

import { fromFlat, type Matrix } from '../matrix';
import { classifyLoss, type LearnOptions } from '../learn-reference';
import { SteppedLearner, type UpdateVerdict } from '../learner-base';
import type { FastCorr2d } from './engine';
import type { Plane } from './plane';

/**
 * Stepwise gradient descent on L = Σ(corr2d(X, K) + b − Y)² (summed squared error; d2l §7.2.5) with
 * `∂L/∂K = 2·corr2d(X, r)` and `∂L/∂b = 2·Σ r`, r = Ŷ − Y. X `[h, w]` stays loaded in `engine` (float32); the loss
 * is summed in float64. Throws like `resolveLearnOptions`.
 */
export class FastKernelLearner extends SteppedLearner {
  private readonly y: Float32Array;
  private readonly r: Plane;
  private readonly k: Plane;
  private bias: number;
  constructor(
    opts: LearnOptions,
    private readonly engine: FastCorr2d,
  ) {
    super(opts);
    const { X, Y, kH, kW } = this.options;
    engine.load({ data: Float32Array.from(X.flat()), h: X.length, w: X[0].length });
    this.y = Float32Array.from(Y.flat());
    this.r = { data: new Float32Array(this.y.length), h: Y.length, w: Y[0].length };
    this.k = { data: Float32Array.from(this.options.initKernel.flat()), h: kH, w: kW };
    this.bias = this.options.initBias;
  }

  /** The current kernel `[kh, kw]` and bias. */
  parameters(): { kernel: Matrix; bias: number } {
    return { kernel: fromFlat(this.k.data, this.k.h, this.k.w), bias: this.bias };
  }

  /** r = Ŷ − Y and L = Σr² at the current parameters; when the loss allows, K ← K − lr·2·corr2d(X, r), b ← b − lr·2·Σr. */
  protected update(): UpdateVerdict {
    const { lr, useBias, tolerance } = this.options;
    const r = this.engine.corrLoaded(this.k, this.r.data);
    let loss = 0;
    let sumR = 0;
    for (let i = 0; i < r.length; i++) {
      const d = r[i] + this.bias - this.y[i];
      r[i] = d;
      loss += d * d;
      sumR += d;
    }
    const kind = classifyLoss(loss, tolerance);
    if (kind !== 'update') return { kind, loss };
    const g = this.engine.gradLoaded(this.r);
    const next = this.k.data.map((v, i) => v - lr * g[i]);
    const nextB = useBias ? this.bias - lr * 2 * sumR : this.bias;
    if (!next.every(Number.isFinite) || !Number.isFinite(nextB)) return { kind: 'diverged', loss };
    this.k.data.set(next);
    this.bias = nextB;
    return { kind, loss };
  }

  /** The learner is done afterwards (the engine keeps its memory for reuse). Safe to call twice. */
  dispose(): void {
    this.state = 'disposed';
  }
}
