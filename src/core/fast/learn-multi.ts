// One gradient-descent step of a multi-channel layer on the fast path, for learning a c_in-channel kernel from a photo
// (d2l §7.2.5's experiment with channels, §7.4): the forward pass and both gradients are cross-correlations on wasm,
// nothing goes through tfjs. The photo stays resident in the engine; the step reuses its buffers.

import { classifyLoss } from '../learn-reference';
import { resolveMultiLearnOptions, type MultiLearnOptions, type ResolvedMultiLearnOptions } from '../learn-multi';
import { Learner, type UpdateVerdict } from '../learner-base';
import { fromFlat } from '../matrix';
import { volumeShape, type Volume } from '../volume';
import type { FastConv2d, MultiOptions, Planes, Weights } from './multi';

/** The trained parameters: weights `[c_out, c_in, kh, kw]` and bias `[c_out]`. */
export interface MultiParams {
  k: Weights;
  bias: Float32Array;
}

/** What one step did: the loss at the parameters before it, and the parameters after it. */
export interface MultiStep {
  loss: number;
  params: MultiParams;
}

/** What a run of steps keeps between calls: the target last copied into the engine. */
export interface MultiScratch {
  target?: Planes;
}

/**
 * One step of gradient descent on L = Σ (conv(X, K) + b − T)² (summed squared error) for the input loaded in
 * `engine` (`X: [c_in, h, w]`), target `T: [c_out, h', w']` and learning rate `lr`:
 * r = Ŷ − T, ∂L/∂K[o][c] = 2·corr2d(X_c, r_o) (the input padded like the forward pass; d2l §7.2.5 per channel pair),
 * ∂L/∂b[o] = 2·Σ r_o (only applied when `useBias`), K ← K − lr·∂L/∂K. Stride 1, dilation 1, groups 1; any padding.
 * The loss is summed in float64. With the same `scratch` across steps, T is copied into wasm memory once (do not
 * change its values in between). Throws "conv2dFast: T is [..], expected [..]", "learnStepMulti: learning rate …"
 * and like `FastConv2d.forward`.
 */
export function learnStepMulti(
  engine: FastConv2d,
  params: MultiParams,
  target: Planes,
  lr: number,
  opts: MultiOptions & { useBias?: boolean } = {},
  scratch: MultiScratch = {},
): MultiStep {
  if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`learnStepMulti: learning rate ${lr} is not a positive number`);
  const { useBias = false, ...conv } = opts;
  if (scratch.target !== target) {
    engine.setTarget(target);
    scratch.target = target;
  }
  const { loss, dK, dBias } = engine.lossAndGradients(params.k, params.bias, conv);
  const data = params.k.data.map((v, i) => v - lr * dK[i]);
  const bias = useBias ? params.bias.map((v, i) => v - lr * dBias[i]) : params.bias.slice();
  return { loss, params: { k: { ...params.k, data }, bias } };
}

/**
 * Stepwise gradient descent on L = Σ(corr2dMulti(X, K) + b − Y)² for one output channel (d2l §7.2.4 with the channels
 * of §7.4) on the fast engine: each update is one `learnStepMulti` (forward, residual and both gradients in wasm
 * memory; X and Y copied in once). Same options, stopping rules and records as tfjs's `MultiKernelLearner`; kernel
 * `[c_in, kh, kw]`. The engine is the caller's (reused across runs). Throws like `resolveMultiLearnOptions`.
 */
export class FastMultiKernelLearner extends Learner<ResolvedMultiLearnOptions, Volume> {
  private params: MultiParams;
  private readonly target: Planes;
  private readonly scratch: MultiScratch = {};
  constructor(
    opts: MultiLearnOptions,
    private readonly engine: FastConv2d,
  ) {
    super(resolveMultiLearnOptions(opts));
    const { X, Y, kH, kW, initKernel, initBias } = this.options;
    const [c, h, w] = volumeShape(X);
    engine.load({ data: Float32Array.from(X.flat(2)), c, h, w });
    this.target = { data: Float32Array.from(Y.flat()), c: 1, h: Y.length, w: Y[0].length };
    this.params = {
      k: { data: Float32Array.from(initKernel.flat(2)), cOut: 1, cInPerGroup: c, kh: kH, kw: kW },
      bias: Float32Array.of(initBias),
    };
  }

  /** The current kernel `[c_in, kh, kw]` and bias. */
  parameters(): { kernel: Volume; bias: number } {
    const { data, cInPerGroup: c, kh, kw } = this.params.k;
    const kernel = Array.from({ length: c }, (_, ch) =>
      fromFlat(data.subarray(ch * kh * kw, (ch + 1) * kh * kw), kh, kw),
    );
    return { kernel, bias: this.params.bias[0] };
  }

  /** One `learnStepMulti`; its update is kept only when the loss before it allows and every new value is finite. */
  protected update(): UpdateVerdict {
    const { lr, useBias, tolerance } = this.options;
    const s = learnStepMulti(this.engine, this.params, this.target, lr, { useBias }, this.scratch);
    const kind = classifyLoss(s.loss, tolerance);
    if (kind !== 'update') return { kind, loss: s.loss };
    if (!s.params.k.data.every(Number.isFinite) || !Number.isFinite(s.params.bias[0]))
      return { kind: 'diverged', loss: s.loss };
    this.params = s.params;
    return { kind, loss: s.loss };
  }

  /** The learner is done afterwards (the engine keeps its memory for the next run). Safe to call twice. */
  dispose(): void {
    this.state = 'disposed';
  }
}
