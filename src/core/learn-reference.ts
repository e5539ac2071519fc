// Learning a kernel by plain gradient descent, float64 loops (no tfjs): the tests' reference for the tfjs learner
// and what the extension host runs. Shared here too: options, records and the stopping rules both learners obey.

import { convGeometry } from './geometry';
import { corr2dReference } from './reference';
import { filled, formatShape, mapMatrix, shapeOf, validateMatrix, type Matrix } from './matrix';
import { initKernel } from './random';
import { stabilityReport, type Stability } from './stability';

/** Options of a learning run. Defaults: lr 3e-2, steps 10, useBias false, seed 0, tolerance 1e-10. */
export interface LearnOptions {
  /** Input image `[h, w]`. */
  X: Matrix;
  /** Target feature map `[h − kH + 1, w − kW + 1]` (valid, stride 1). */
  Y: Matrix;
  kH: number;
  kW: number;
  lr?: number;
  steps?: number;
  useBias?: boolean;
  /** Seed of the kernel's initial value (see `initKernel`); ignored when `initKernel` is given. */
  seed?: number;
  initKernel?: Matrix;
  /** Initial bias, default 0. */
  initBias?: number;
  /** Stop (converged) once the loss is below this. */
  tolerance?: number;
}

/** Options with every default filled in and checked. */
export type ResolvedLearnOptions = Required<Omit<LearnOptions, 'seed'>>;

/** One gradient-descent update: `loss` is L BEFORE the update, `kernel`/`bias` the parameters AFTER it. */
export interface StepRecord {
  /** 1-based number of the update. */
  step: number;
  kernel: Matrix;
  bias: number;
  loss: number;
}

/** A finished run: the records, the stability check of its learning rate, why it stopped, final parameters. */
export interface LearnResult {
  records: StepRecord[];
  stability: Stability;
  converged: boolean;
  diverged: boolean;
  kernel: Matrix;
  bias: number;
}

/** Losses above this count as divergence (the run stops before the numbers overflow to Infinity/NaN). */
export const DIVERGENCE_LOSS = 1e30;

/** What a learner does with the loss at its current parameters: update, or stop. */
export function classifyLoss(loss: number, tolerance: number): 'update' | 'converged' | 'diverged' {
  if (!Number.isFinite(loss) || loss > DIVERGENCE_LOSS) return 'diverged';
  return loss < tolerance ? 'converged' : 'update';
}

/** The options every learner takes besides X and the initial kernel. */
export interface RunOptions {
  Y: Matrix;
  kH: number;
  kW: number;
  lr?: number;
  steps?: number;
  tolerance?: number;
  initBias?: number;
}

/**
 * Checks what every learner shares for an X of `h`×`w` (one channel or several): the kernel fits X, `Y` is
 * `[h − kH + 1, w − kW + 1]` ('valid', d2l §7.2.1), lr > 0, steps a non-negative integer, a finite initial bias; fills
 * in the defaults (lr 3e-2, 10 steps, tolerance 1e-10, bias 0). Throws "<op>: …" naming the bad option.
 */
export function resolveRun(op: string, h: number, w: number, o: RunOptions) {
  const [yh, yw] = shapeOf(validateMatrix(op, 'Y', o.Y));
  const { kH, kW } = o;
  if (!Number.isInteger(kH) || !Number.isInteger(kW) || kH < 1 || kW < 1 || kH > h || kW > w) {
    throw new Error(`${op}: kernel ${kH}×${kW} must be positive integers no larger than X ${h}×${w}`);
  }
  const { outH, outW } = convGeometry({ inH: h, inW: w, kH, kW }, op);
  if (yh !== outH || yw !== outW) {
    throw new Error(
      `${op}: Y is ${yh}×${yw}, expected ${formatShape([outH, outW])} for X ${h}×${w} and kernel ${kH}×${kW}`,
    );
  }
  const lr = o.lr ?? 3e-2;
  const steps = o.steps ?? 10;
  const tolerance = o.tolerance ?? 1e-10;
  if (!Number.isFinite(lr) || lr <= 0) throw new Error(`${op}: learning rate ${lr} is not a positive number`);
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`${op}: steps ${steps} is not a non-negative integer`);
  if (!(tolerance >= 0)) throw new Error(`${op}: tolerance ${tolerance} is not a non-negative number`);
  const initBias = o.initBias ?? 0;
  if (!Number.isFinite(initBias)) throw new Error(`${op}: initBias ${initBias} is not a finite number`);
  return { kH, kW, lr, steps, tolerance, initBias };
}

/**
 * Checks the options and fills in defaults. `Y` must be `[h − kH + 1, w − kW + 1]`; lr > 0; steps a non-negative
 * integer. Throws "learnKernel: …" naming the bad option, e.g. "learnKernel: Y is 6×6, expected 6×7 for X 6×8 and
 * kernel 1×2".
 */
export function resolveLearnOptions(o: LearnOptions): ResolvedLearnOptions {
  const op = 'learnKernel';
  const [h, w] = shapeOf(validateMatrix(op, 'X', o.X));
  const { kH, kW, lr, steps, tolerance, initBias } = resolveRun(op, h, w, o);
  const kernel = o.initKernel ?? initKernel(o.seed ?? 0, kH, kW);
  const [ih, iw] = shapeOf(validateMatrix(op, 'initKernel', kernel));
  if (ih !== kH || iw !== kW) throw new Error(`${op}: initKernel is ${ih}×${iw}, expected ${kH}×${kW}`);
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
    initKernel: kernel.map((row) => [...row]),
  };
}

/**
 * Learns K (and b when `useBias`) from (X, Y) by plain gradient descent on L = Σ(corr2d(X, K) + b − Y)² in float64:
 * `dL/dK = 2·corr2d(X, Ŷ − Y)`, `dL/db = 2·Σ(Ŷ − Y)` (d2l §7.2.5 "Learning a Kernel", with the summed loss).
 * Stops after `steps` updates, on convergence (loss < tolerance) or divergence (loss > 1e30 or non-finite; never
 * recorded). Throws like `resolveLearnOptions`.
 */
export function learnKernelReference(opts: LearnOptions): LearnResult {
  const o = resolveLearnOptions(opts);
  let K = o.initKernel;
  let b = o.initBias;
  const records: StepRecord[] = [];
  let stop: 'update' | 'converged' | 'diverged' = 'update';
  for (let step = 1; step <= o.steps; step++) {
    const R = mapMatrix(corr2dReference(o.X, K), (v, r, c) => v + b - o.Y[r][c]);
    const loss = R.reduce((s, row) => row.reduce((t, v) => t + v * v, s), 0);
    stop = classifyLoss(loss, o.tolerance);
    if (stop !== 'update') break;
    const gK = corr2dReference(o.X, R);
    const nextK = mapMatrix(K, (v, r, c) => v - o.lr * 2 * gK[r][c]);
    const nextB = o.useBias ? b - o.lr * 2 * R.reduce((s, row) => row.reduce((t, v) => t + v, s), 0) : b;
    if (!nextK.every((row) => row.every(Number.isFinite)) || !Number.isFinite(nextB)) {
      stop = 'diverged';
      break;
    }
    [K, b] = [nextK, nextB];
    records.push({ step, kernel: K, bias: b, loss });
  }
  const stability = stabilityReport(o.X, o.kH, o.kW, o.useBias, o.lr);
  return { records, stability, converged: stop === 'converged', diverged: stop === 'diverged', kernel: K, bias: b };
}

/** A `[kH, kW]` zero kernel, handy as `initKernel` for reproducing the book's numbers. */
export function zeroKernel(kH: number, kW: number): Matrix {
  return filled(kH, kW, 0);
}
