// The Step panel's transposed convolution (d2l §14.10), computed without the DOM or tfjs: the plan (geometry from
// transposedMultiGeometry, the one source of truth), what each step scatters, the running sums and contribution counts
// the output shows, and the arithmetic — what an input cell adds where, and every product an output cell receives.
import { subscript, validateBias } from '../../src/core/channels';
import { formatArithmetic, formatNumber, type Term } from '../../src/core/reference';
import type { Matrix } from '../../src/core/matrix';
import {
  scatterTargets,
  transposedMultiGeometry,
  type TransposedMultiGeometry,
  type TransposedMultiOptions,
} from '../../src/core/transposed';
import type { TransposedGeometry } from '../../src/core/transposed-geometry';
import {
  partialTransposed,
  receivedBy,
  scatterCellAt,
  transposedSources,
  type Received,
} from '../../src/core/transposed-steps';
import type { Filters, Volume } from '../../src/core/volume';
import { STEP_MAX_SIDE } from '../../src/core/limits';
import type { Arithmetic, Cell, PaddingChoice } from './model';
import { MAX_TERMS } from './model';

/** Largest output side the transposed mode draws (a stride 8 layer on a 128×128 X would write 1000+ a side). */
export const MAX_TRANSPOSED_SIDE = 4 * STEP_MAX_SIDE;

/** What the transposed mode needs from the state. K: `[c_in, c_out/groups, kh, kw]` (torch.nn.ConvTranspose2d). */
export interface TransposedConfig {
  X: Volume;
  K: Filters;
  bias?: number[];
  padding: PaddingChoice;
  stride: number;
  dilation: number;
  groups: number;
  outputPadding: number;
  out: number;
}

/** The layer to animate: its geometry, the output channel, the kernel column and input channels it uses, the steps. */
export interface TransposedPlan {
  multi: TransposedMultiGeometry;
  geom: TransposedGeometry;
  /** Options without the bias (the bias is its own last step). */
  opts: TransposedMultiOptions;
  out: number;
  /** Input channels output channel `out` reads, and its column q of K[c][q]. */
  channels: number[];
  q: number;
  withBias: boolean;
  /** One per input cell (reading order), plus one for the bias. */
  steps: number;
}

/**
 * The plan of `cfg`. Throws "step: …" for channels that do not match ("K has 3 input channels, X has 2
 * (ConvTranspose2d weight …)"), an output padding not below the stride or dilation (`OutputPaddingError`), a padding
 * that crops all of Y (`TransposedCropError`), a bias of the wrong length, and an output larger than the panel draws.
 */
export function makeTransposedPlan(cfg: TransposedConfig): TransposedPlan {
  const opts: TransposedMultiOptions = {
    padding: cfg.padding === 0 ? 'valid' : cfg.padding,
    stride: cfg.stride,
    dilation: cfg.dilation,
    groups: cfg.groups,
    outputPadding: cfg.outputPadding,
  };
  const multi = transposedMultiGeometry('step', cfg.X, cfg.K, opts);
  if (cfg.bias !== undefined) validateBias('step', cfg.bias, multi.cOut);
  const g = multi.geom;
  if (Math.max(g.outH, g.outW) > MAX_TRANSPOSED_SIDE) {
    throw new Error(
      `step: the transposed convolution's output would be ${g.outH}×${g.outW}; the Step panel draws outputs up to ` +
        `${MAX_TRANSPOSED_SIDE}×${MAX_TRANSPOSED_SIDE} (try a smaller stride, dilation or kernel)`,
    );
  }
  const out = Math.min(Math.max(0, cfg.out), multi.cOut - 1);
  const { channels, q } = transposedSources(multi, out);
  const withBias = cfg.bias !== undefined;
  return { multi, geom: g, opts, out, channels, q, withBias, steps: g.inH * g.inW + (withBias ? 1 : 0) };
}

/** Step `index`: input cell (i, j) scattering, or (the last step, with a bias) adding b to every cell. */
export interface ScatterStep {
  i: number;
  j: number;
  phase: 'scatter' | 'bias';
}

/** Step `index` of the plan (clamped into its steps). */
export function scatterStep(plan: TransposedPlan, index: number): ScatterStep {
  const cells = plan.geom.inH * plan.geom.inW;
  const k = Math.min(Math.max(0, index), plan.steps - 1);
  if (k >= cells) return { i: plan.geom.inH - 1, j: plan.geom.inW - 1, phase: 'bias' };
  const [i, j] = scatterCellAt(k, plan.geom.inW);
  return { i, j, phase: 'scatter' };
}

/** What the output shows at step `index`: running sums (with b once the bias step is reached) and counts. */
export interface ShownOutput {
  Y: Matrix;
  counts: Matrix;
  /** Input cells scattered so far. */
  done: number;
}

/** The output channel after step `index` (the step's own scatter included). */
export function shownOutput(X: Volume, K: Filters, plan: TransposedPlan, bias: number[] | undefined, index: number) {
  const cells = plan.geom.inH * plan.geom.inW;
  const done = Math.min(Math.max(0, index) + 1, cells);
  const p = partialTransposed(X, K, plan.opts, plan.out, done);
  const b = bias?.[plan.out];
  const withB = b !== undefined && index >= cells;
  return { Y: withB ? p.Y.map((row) => row.map((v) => v + b)) : p.Y, counts: p.counts, done } satisfies ShownOutput;
}

/** Output cells input cell (i, j) writes, as grid cells. */
export function writtenBy(plan: TransposedPlan, i: number, j: number): Cell[] {
  return scatterTargets(plan.geom, i, j).map(([r, c]) => [r, c]);
}

function yName(plan: TransposedPlan): string {
  return plan.multi.cOut === 1 ? 'Y' : `Y${subscript(plan.out)}`;
}

function xName(plan: TransposedPlan, c: number): string {
  return plan.multi.cIn === 1 ? 'X' : `X${subscript(c)}`;
}

/** "Y[0, 1] += 1×0, Y[0, 2] += 1×1, …" for what channel `c`'s cell (i, j) adds, long lists elided in the middle. */
function scatterLine(X: Volume, K: Filters, plan: TransposedPlan, c: number, i: number, j: number): string {
  const x = X[c][i][j];
  const y = yName(plan);
  const parts = scatterTargets(plan.geom, i, j).map(
    ([r, col, a, b]) => `${y}[${r}, ${col}] += ${formatNumber(x, true)}×${formatNumber(K[c][plan.q][a][b], true)}`,
  );
  const cropped = plan.geom.kH * plan.geom.kW - parts.length;
  const shown =
    parts.length > MAX_TERMS
      ? [...parts.slice(0, MAX_TERMS - 4), `… (${parts.length - MAX_TERMS} more) …`, ...parts.slice(-4)]
      : parts;
  const none = parts.length === 0 ? 'nothing: every product falls in the cropped border' : shown.join(', ');
  return cropped > 0 && parts.length > 0 ? `${none} (${cropped} cropped by the padding)` : none;
}

/**
 * The label and arithmetic of step `index`. A scatter: "Step 2 of 4: X[0, 1] = 1 scatters 1·K into Y" and
 * "Y[0, 1] += 1×0, Y[0, 2] += 1×1, Y[1, 1] += 1×2, Y[1, 2] += 1×3"; with several input channels, one detail line per
 * channel of the group. The bias step: "Y += b: every cell + 1".
 */
export function stepText(X: Volume, K: Filters, plan: TransposedPlan, bias: number[] | undefined, index: number) {
  const step = scatterStep(plan, index);
  const head = `Step ${index + 1} of ${plan.steps}: `;
  const y = yName(plan);
  if (step.phase === 'bias') {
    const b = bias?.[plan.out] ?? 0;
    const name = plan.multi.cOut === 1 ? 'b' : `b${subscript(plan.out)}`;
    return {
      label: `${head}add the bias ${name} to every cell of ${y}`,
      arith: { line: `${y} += ${name}: every cell + ${formatNumber(b, true)}`, detail: [] } satisfies Arithmetic,
    };
  }
  const { i, j } = step;
  if (plan.channels.length === 1) {
    const c = plan.channels[0];
    const x = formatNumber(X[c][i][j]);
    return {
      label: `${head}${xName(plan, c)}[${i}, ${j}] = ${x} scatters ${formatNumber(X[c][i][j], true)}·K into ${y}`,
      arith: { line: scatterLine(X, K, plan, c, i, j), detail: [] } satisfies Arithmetic,
    };
  }
  const xs = plan.channels.map((c) => `${xName(plan, c)}[${i}, ${j}] = ${formatNumber(X[c][i][j])}`).join(', ');
  return {
    label: `${head}cell (${i}, ${j}) of each input channel scatters x·K into ${y}`,
    arith: {
      line: xs,
      detail: plan.channels.map((c) => `channel ${c}: ${scatterLine(X, K, plan, c, i, j)}`),
    } satisfies Arithmetic,
  };
}

function asTerm(p: Received): Term {
  return { x: p.x, k: p.k, r: p.i, c: p.j, kr: p.kr, kc: p.kc };
}

/** "X[0, 0]·K[1, 1] + X[0, 1]·K[1, 0] + …": where each product comes from (elided like the products). */
function origins(plan: TransposedPlan, got: Received[]): string {
  const one = (p: Received) => `${xName(plan, p.channel)}[${p.i}, ${p.j}]·K[${p.kr}, ${p.kc}]`;
  if (got.length <= MAX_TERMS) return got.map(one).join(' + ');
  return [
    ...got.slice(0, MAX_TERMS - 4).map(one),
    `… (${got.length - MAX_TERMS} more) …`,
    ...got.slice(-4).map(one),
  ].join(' + ');
}

/**
 * Every product output cell (r, c) receives, for the focus: one channel "0×3 + 1×2 + 2×1 + 3×0 = 4" (d2l Y[1, 1],
 * the bias appended when set) with the products' origins "from X[0, 0]·K[1, 1] + …" as detail; several input channels
 * their sums "channel 0: 4 + channel 1: 10 = 14" with one detail line per channel. A cell that receives nothing (an
 * output padding row) says so.
 */
export function cellText(
  X: Volume,
  K: Filters,
  plan: TransposedPlan,
  bias: number[] | undefined,
  r: number,
  c: number,
) {
  const got = receivedBy(plan.multi, X, K, plan.out, r, c);
  const b = bias?.[plan.out];
  if (got.length === 0) {
    const line = `no input cell writes here (${b === undefined ? '0' : `only the bias: ${formatNumber(b)}`})`;
    return { line, detail: [] } satisfies Arithmetic;
  }
  if (plan.channels.length === 1) {
    return { line: formatArithmetic(got.map(asTerm), b, MAX_TERMS), detail: [`from ${origins(plan, got)}`] };
  }
  const per = plan.channels.map((ch) => got.filter((p) => p.channel === ch));
  const sums = per.map((ps) => ps.reduce((s, p) => s + p.value, 0));
  const total = sums.reduce((s, v) => s + v, 0);
  const parts = plan.channels.map((ch, k) => `channel ${ch}: ${formatNumber(sums[k], true)}`);
  const tail =
    b === undefined
      ? ` = ${formatNumber(total)}`
      : ` + b${subscript(plan.out)} = ${formatNumber(total)} + ${formatNumber(b, true)} = ${formatNumber(total + b)}`;
  return {
    line: `${parts.join(' + ')}${tail}`,
    detail: plan.channels.map(
      (ch, k) =>
        `channel ${ch}: ${formatArithmetic(per[k].map(asTerm), undefined, MAX_TERMS)} (${origins(plan, per[k])})`,
    ),
  } satisfies Arithmetic;
}
