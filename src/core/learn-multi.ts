// Learning one output channel's kernel over several input channels (d2l §7.2.4 "Learning a Kernel" with the channels
// of §7.4): X `[c_in, h, w]`, Y `[h − kh + 1, w − kw + 1]`, K `[1, c_in, kh, kw]` held as its one output channel's
// `[c_in, kh, kw]`. The options, their checks and the start every multi-channel learner shares (the fast engine's
// `FastMultiKernelLearner`, tfjs's `MultiKernelLearner`), and the kernels a colour photo's target is made of.

import { resolveRun } from './learn-reference';
import { validateMatrix, type Matrix } from './matrix';
import { mulberry32, randomVolume } from './random';
import { validateVolume, volumeShape, type Volume } from './volume';

/** Options of a multi-channel learning run. Defaults: lr 3e-2, steps 10, useBias false, seed 0, tolerance 1e-10. */
export interface MultiLearnOptions {
  /** Input channels `[c_in, h, w]`. */
  X: Volume;
  /** Target feature map `[h − kH + 1, w − kW + 1]` (valid, stride 1; one output channel). */
  Y: Matrix;
  kH: number;
  kW: number;
  lr?: number;
  steps?: number;
  useBias?: boolean;
  /** Seed of the kernel's initial value (see `initKernels`); ignored when `initKernel` is given. */
  seed?: number;
  /** Initial kernel `[c_in, kH, kW]`. */
  initKernel?: Volume;
  initBias?: number;
  /** Stop (converged) once the loss is below this. */
  tolerance?: number;
}

/** Options with every default filled in and checked. */
export type ResolvedMultiLearnOptions = Required<Omit<MultiLearnOptions, 'seed'>>;

/**
 * Initial kernel `[c_in, kh, kw]`: uniform in `[−1/√(c_in·kh·kw), 1/√(c_in·kh·kw))`, the bound of PyTorch's Conv2d
 * default initialisation (kaiming_uniform with a = √5 gives 1/√fan_in, fan_in = c_in·kh·kw; torch.nn.Conv2d docs).
 * With one channel it is `initKernel` (src/core/random.ts). Deterministic for a given seed.
 */
export function initKernels(seed: number, cIn: number, kH: number, kW: number): Volume {
  const bound = 1 / Math.sqrt(cIn * kH * kW);
  return randomVolume(mulberry32(seed), cIn, kH, kW, -bound, bound);
}

/**
 * The `[c, kh, kw]` kernel whose cross-correlation with X `[c, h, w]` equals `K`'s with the weighted channel sum
 * Σ_c w_c·X_c: `weights ⊗ K`, channel c being `w_c·K` (linearity of the cross-correlation, d2l §7.4.1). With the
 * BT.601 luma weights this is "K on the luma" as one 3-channel kernel. Throws for an empty or non-finite weight list.
 */
export function channelKernel(weights: readonly number[], K: Matrix): Volume {
  if (weights.length === 0 || !weights.every(Number.isFinite)) {
    throw new Error(`channelKernel: weights [${weights.join(', ')}] must be one finite number per channel`);
  }
  validateMatrix('channelKernel', 'K', K);
  return weights.map((w) => K.map((row) => row.map((v) => w * v)));
}

/** Σ_c w_c·X_c: the channels of `X: [c, h, w]` summed with `weights` → `[h, w]`. Throws when the counts differ. */
export function weightedSum(X: Volume, weights: readonly number[]): Matrix {
  const [c] = volumeShape(validateVolume('weightedSum', 'X', X));
  if (weights.length !== c) throw new Error(`weightedSum: ${weights.length} weights for ${c} channels`);
  return X[0].map((row, r) => row.map((_, col) => X.reduce((s, Xc, k) => s + weights[k] * Xc[r][col], 0)));
}

/**
 * Checks the options and fills in defaults. `Y` must be `[h − kH + 1, w − kW + 1]`, `initKernel` `[c_in, kH, kW]`;
 * lr > 0; steps a non-negative integer. Throws "learnKernel: …" naming the bad option, e.g. "learnKernel: initKernel
 * is [2, 3, 3], expected [3, 3, 3] (c_in, kh, kw)".
 */
export function resolveMultiLearnOptions(o: MultiLearnOptions): ResolvedMultiLearnOptions {
  const op = 'learnKernel';
  const [c, h, w] = volumeShape(validateVolume(op, 'X', o.X));
  const { kH, kW, lr, steps, tolerance, initBias } = resolveRun(op, h, w, o);
  const kernel = o.initKernel ?? initKernels(o.seed ?? 0, c, kH, kW);
  const shape = volumeShape(validateVolume(op, 'initKernel', kernel));
  if (shape[0] !== c || shape[1] !== kH || shape[2] !== kW) {
    throw new Error(`${op}: initKernel is [${shape.join(', ')}], expected [${c}, ${kH}, ${kW}] (c_in, kh, kw)`);
  }
  return {
    X: o.X,
    Y: o.Y,
    kH,
    kW,
    lr,
    steps,
    tolerance,
    initBias,
    useBias: o.useBias ?? false,
    initKernel: kernel.map((M) => M.map((row) => [...row])),
  };
}

/** The largest |A − B| over two `[c, h, w]` volumes of the same shape, per channel. */
export function channelDistances(A: Volume, B: Volume): number[] {
  return A.map((M, c) => M.reduce((m, row, r) => row.reduce((n, v, k) => Math.max(n, Math.abs(v - B[c][r][k])), m), 0));
}
