// One gradient-descent step of a multi-channel layer on the fast path, for learning a c_in-channel kernel from a photo
// (d2l §7.2.5's experiment with channels, §7.4): the forward pass and both gradients are cross-correlations on wasm,
// nothing goes through tfjs. The photo stays resident in the engine; the step reuses its buffers.

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
