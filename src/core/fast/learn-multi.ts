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

/** Buffers a run of steps reuses (a fresh multi-megabyte array per step costs more than the step in Chromium). */
export interface MultiScratch {
  y?: Float32Array;
}

/**
 * One step of gradient descent on L = Σ (conv(X, K) + b − T)² (summed squared error) for the input loaded in
 * `engine` (`X: [c_in, h, w]`), target `T: [c_out, h', w']` and learning rate `lr`:
 * r = Ŷ − T, ∂L/∂K[o][c] = 2·corr2d(X_c, r_o) (the input padded like the forward pass; d2l §7.2.5 per channel pair),
 * ∂L/∂b[o] = 2·Σ r_o (only applied when `useBias`), K ← K − lr·∂L/∂K. Stride 1, dilation 1, groups 1; any padding.
 * The loss is summed in float64. Throws "learnStepMulti: T is [..], expected [..]" and like `FastConv2d.forward`.
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
  const size = target.c * target.h * target.w;
  if (scratch.y?.length !== size) scratch.y = new Float32Array(size);
  let y: Planes;
  try {
    y = engine.forward(params.k, params.bias, conv, scratch.y);
  } catch (e) {
    if (e instanceof Error && /output buffer has/.test(e.message)) {
      const want = engine.forward(params.k, params.bias, conv);
      throw new Error(
        `learnStepMulti: T is [${target.c}, ${target.h}, ${target.w}], expected [${want.c}, ${want.h}, ${want.w}]`,
      );
    }
    throw e;
  }
  if (y.c !== target.c || y.h !== target.h || y.w !== target.w)
    throw new Error(`learnStepMulti: T is [${target.c}, ${target.h}, ${target.w}], expected [${y.c}, ${y.h}, ${y.w}]`);
  const r = y.data;
  let loss = 0;
  for (let p = 0; p < r.length; p++) {
    const d = r[p] - target.data[p];
    r[p] = d;
    loss += d * d;
  }
  const { dK, dBias } = engine.gradients(params.k, y, conv);
  const data = params.k.data.map((v, i) => v - lr * dK[i]);
  const bias = useBias ? params.bias.map((v, i) => v - lr * dBias[i]) : params.bias.slice();
  return { loss, params: { k: { ...params.k, data }, bias } };
}
