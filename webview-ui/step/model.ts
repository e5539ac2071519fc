// What the step panel shows, computed without the DOM or tfjs: the geometry of the current settings (from
// multiGeometry/convGeometry, the one source of truth), the zero-padded X, the window of each step, the arithmetic
// text (per input channel when there are several, d2l §7.4), and receptive fields through a stack of layers.
import {
  corr2dMultiTerms,
  formatChannelSum,
  groupInputStart,
  multiGeometry,
  subscript,
  validateBias,
  type MultiGeometry,
  type MultiOptions,
  type MultiTerms,
} from '../../src/core/channels';
import { receptiveField, type Geometry } from '../../src/core/geometry';
import type { Matrix } from '../../src/core/matrix';
import { corr2dTerms, corrGeometry, formatArithmetic, formatNumber } from '../../src/core/reference';
import { flipFilters, type Filters, type Volume } from '../../src/core/volume';
import { stepCount, type StepCell } from './stepper';

/** Cross-correlation (what tf.conv2d computes) or true convolution (the kernel flipped both ways, d2l §7.2.5). */
export type Mode = 'correlation' | 'convolution';

/** Padding choice of the panel: 'valid' (0), 'same' (TensorFlow's rule), or rows/columns of zeros on each side. */
export type PaddingChoice = 'valid' | 'same' | number;

/** Everything the user chose. `bias` undefined = no bias (no "+ b" step); else one per output channel. */
export interface StepConfig {
  /** `[c_in, h, w]` */
  X: Volume;
  /** `[c_out, c_in/groups, kh, kw]` (PyTorch's weight layout) */
  K: Filters;
  /** 'transposed' has a plan of its own (transposed.ts): `makePlan` refuses it. */
  mode: Mode | 'transposed';
  bias?: number[];
  padding: PaddingChoice;
  stride: number;
  dilation: number;
  groups: number;
  /** The output channel stepped through. */
  out: number;
}

/** The layer to animate: geometry, the kernels actually slid over X, the output channel and its number of steps. */
export interface Plan {
  multi: MultiGeometry;
  geom: Geometry;
  opts: MultiOptions;
  /** K for cross-correlation; every kernel flipped top-bottom and left-right for true convolution. */
  applied: Filters;
  /** The output channel stepped through (clamped into the layer's). */
  out: number;
  withBias: boolean;
  steps: number;
}

/** Products shown in one arithmetic line; a larger kernel's line elides the middle ones. */
export const MAX_TERMS = 24;

/** A cell `[r, c]` of a grid. */
export type Cell = [number, number];

/**
 * The plan of `cfg` (d2l §7.4: output channel `out` sums its group's input channels). Throws "corr2d: …" (or
 * "convolve2d: …") from the core for bad matrices, bad options, channels that do not match ("K has 3 input channels
 * per group, X has 2 channels") or a kernel larger than the padded input, and for the transposed mode.
 */
export function makePlan(cfg: StepConfig): Plan {
  if (cfg.mode === 'transposed') throw new Error('makePlan: the transposed convolution has its own plan');
  const op = cfg.mode === 'convolution' ? 'convolve2d' : 'corr2d';
  const opts: MultiOptions = {
    padding: cfg.padding === 0 ? 'valid' : cfg.padding,
    stride: cfg.stride,
    dilation: cfg.dilation,
    groups: cfg.groups,
  };
  const multi = multiGeometry(op, cfg.X, cfg.K, opts);
  if (cfg.bias !== undefined) validateBias(op, cfg.bias, multi.cOut);
  const applied = cfg.mode === 'convolution' ? flipFilters(cfg.K) : cfg.K;
  const withBias = cfg.bias !== undefined;
  const { geom } = multi;
  const out = Math.min(Math.max(0, cfg.out), multi.cOut - 1);
  return { multi, geom, opts, applied, out, withBias, steps: stepCount(geom.outH, geom.outW, withBias) };
}

/** The input channels output channel `plan.out` reads (its group's). */
export function channelsRead(plan: Plan): number[] {
  const first = groupInputStart(plan.multi, plan.out);
  return Array.from({ length: plan.multi.cInPerGroup }, (_, c) => first + c);
}

/** X with its zero padding written in: `[inH + padTop + padBottom, inW + padLeft + padRight]`, and the pad cells. */
export function paddedInput(X: Matrix, g: Geometry): { M: Matrix; pad: Cell[] } {
  const h = g.inH + g.padTop + g.padBottom;
  const w = g.inW + g.padLeft + g.padRight;
  const M: Matrix = [];
  const pad: Cell[] = [];
  for (let r = 0; r < h; r++) {
    const row: number[] = [];
    for (let c = 0; c < w; c++) {
      const xr = r - g.padTop;
      const xc = c - g.padLeft;
      const inside = xr >= 0 && xr < g.inH && xc >= 0 && xc < g.inW;
      row.push(inside ? X[xr][xc] : 0);
      if (!inside) pad.push([r, c]);
    }
    M.push(row);
  }
  return { M, pad };
}

/**
 * Every tap of output cell `(i, j)`'s window in padded-X coordinates (padding taps included, so the window is drawn
 * whole): kernel tap `(a, b)` sits at `(i·strideH + a·dilationH, j·strideW + b·dilationW)` — the core's
 * `i·strideH − padTop + a·dilationH` shifted by the padding.
 */
export function windowTaps(g: Geometry, i: number, j: number): Cell[] {
  const taps: Cell[] = [];
  for (let a = 0; a < g.kH; a++) {
    for (let b = 0; b < g.kW; b++) taps.push([i * g.strideH + a * g.dilationH, j * g.strideW + b * g.dilationW]);
  }
  return taps;
}

/** Cells of X → cells of the padded X grid. */
export function toPadded(g: Geometry, cells: Cell[]): Cell[] {
  return cells.map(([r, c]) => [r + g.padTop, c + g.padLeft]);
}

/** The arithmetic of an output cell: one line, and for several input channels each channel's own products. */
export interface Arithmetic {
  line: string;
  detail: string[];
}

/** The terms of output cell (i, j) of the plan's output channel, without the bias. */
function termsOf(X: Volume, plan: Plan, i: number, j: number): MultiTerms {
  return corr2dMultiTerms(X, plan.applied, plan.out, i, j, plan.opts);
}

/**
 * The arithmetic of step `cell`. One channel: the window sum "0×0 + 1×1 + 3×2 + 4×3 = 19" (from
 * corr2dTerms/formatArithmetic, with the applied kernel), or for the bias step "19 + b = 19 + 1 = 20". Several
 * channels: their partial sums "channel 0: 19 + channel 1: 37 = 56" (d2l §7.4.1), each channel's products as detail,
 * then the bias step "56 + b₀ = 56 + 1 = 57".
 */
export function stepArithmetic(X: Volume, plan: Plan, cell: StepCell, bias: number[] | undefined): Arithmetic {
  const t = termsOf(X, plan, cell.i, cell.j);
  const b = bias?.[plan.out];
  if (cell.phase === 'bias' && b !== undefined) {
    const name = oneChannel(plan) ? 'b' : `b${subscript(plan.out)}`;
    const sum = formatNumber(t.total);
    return { line: `${sum} + ${name} = ${sum} + ${formatNumber(b, true)} = ${formatNumber(t.total + b)}`, detail: [] };
  }
  if (oneChannel(plan)) return { line: formatArithmetic(t.channels[0].terms, undefined, MAX_TERMS), detail: [] };
  return { line: formatChannelSum(t), detail: detailOf(t) };
}

/** The arithmetic of output cell `(i, j)` in one line, the bias included: "0×0 + 1×1 + 3×2 + 4×3 + 1 = 20". */
export function cellArithmetic(X: Volume, plan: Plan, i: number, j: number, bias: number[] | undefined): Arithmetic {
  const t = termsOf(X, plan, i, j);
  const b = bias?.[plan.out];
  if (oneChannel(plan)) return { line: formatArithmetic(t.channels[0].terms, b, MAX_TERMS), detail: [] };
  const withBias: MultiTerms = b === undefined ? t : { ...t, bias: b, value: t.total + b };
  return { line: formatChannelSum(withBias), detail: detailOf(t) };
}

function oneChannel(plan: Plan): boolean {
  return plan.multi.cInPerGroup === 1 && plan.multi.cIn === 1;
}

function detailOf(t: MultiTerms): string[] {
  return t.channels.map((ch) => `channel ${ch.channel}: ${formatArithmetic(ch.terms, undefined, MAX_TERMS)}`);
}

/** An output cell the user points at: of Y (layer 1) or of Z (the stacked layer 2). */
export interface Selection {
  layer: 'Y' | 'Z';
  i: number;
  j: number;
}

/**
 * Receptive field of `sel` on every layer below it (d2l §7.2.6): `X` in padded-X grid coordinates, `Y` (for a Z cell)
 * in Y coordinates. `g2` is the stacked layer's geometry (required for a Z cell). Throws from `receptiveField`.
 */
export function fieldsOf(sel: Selection, g1: Geometry, g2: Geometry | undefined): { X: Cell[]; Y: Cell[] } {
  if (sel.layer === 'Y') return { X: toPadded(g1, receptiveField([g1], sel.i, sel.j)[0]), Y: [] };
  if (!g2) throw new Error('receptive field: no stacked layer');
  const [onX, onY] = receptiveField([g1, g2], sel.i, sel.j);
  return { X: toPadded(g1, onX), Y: onY };
}

/** The stacked layer's geometry: `K2` slid over `Y` ('valid', stride 1). Throws "corr2d: …" when K2 does not fit. */
export function stackGeometry(Y: Matrix, K2: Matrix): Geometry {
  return corrGeometry('corr2d', Y, K2);
}

/** The arithmetic of cell `(i, j)` of the stacked layer: "19×1 + 25×1 + 37×1 + 43×1 = 124". */
export function stackArithmetic(Y: Matrix, K2: Matrix, i: number, j: number): string {
  return formatArithmetic(corr2dTerms(Y, K2, i, j), undefined, MAX_TERMS);
}
