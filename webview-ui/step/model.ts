// What the step panel shows, computed without the DOM or tfjs: the geometry of the current settings (from
// convGeometry, the one source of truth), the zero-padded X, the window of each step, the arithmetic text, the
// output-size formula with the current numbers, and receptive fields through a stack of layers.
import { receptiveField, type ConvOptions, type Geometry } from '../../src/core/geometry';
import { flipBoth, type Matrix } from '../../src/core/matrix';
import { corr2dTerms, corrGeometry, formatArithmetic, formatNumber } from '../../src/core/reference';
import { stepCount, type StepCell } from './stepper';

/** Cross-correlation (what tf.conv2d computes) or true convolution (the kernel flipped both ways, d2l §7.2.5). */
export type Mode = 'correlation' | 'convolution';

/** Padding choice of the panel: 'valid' (0), 'same' (TensorFlow's rule), or rows/columns of zeros on each side. */
export type PaddingChoice = 'valid' | 'same' | number;

/** Everything the user chose. `bias` undefined = no bias (no "+ b" step). */
export interface StepConfig {
  X: Matrix;
  K: Matrix;
  mode: Mode;
  bias: number | undefined;
  padding: PaddingChoice;
  stride: number;
  dilation: number;
}

/** The layer to animate: geometry, the kernel actually slid over X, and the number of steps. */
export interface Plan {
  geom: Geometry;
  opts: ConvOptions;
  /** K for cross-correlation; K flipped top-bottom and left-right for true convolution. `[kh, kw]`. */
  applied: Matrix;
  withBias: boolean;
  steps: number;
}

/** Products shown in one arithmetic line; a larger kernel's line elides the middle ones. */
export const MAX_TERMS = 24;

/** A cell `[r, c]` of a grid. */
export type Cell = [number, number];

/**
 * The plan of `cfg`. Throws "corr2d: …" (or "convolve2d: …") from the core for bad matrices, bad options or a kernel
 * larger than the padded input, e.g. "corr2d: kernel 3×3 is larger than input 2×5".
 */
export function makePlan(cfg: StepConfig): Plan {
  const op = cfg.mode === 'convolution' ? 'convolve2d' : 'corr2d';
  const opts: ConvOptions = {
    padding: cfg.padding === 0 ? 'valid' : cfg.padding,
    stride: cfg.stride,
    dilation: cfg.dilation,
  };
  const geom = corrGeometry(op, cfg.X, cfg.K, opts);
  if (cfg.bias !== undefined && !Number.isFinite(cfg.bias))
    throw new Error(`${op}: bias ${cfg.bias} is not a finite number`);
  const applied = cfg.mode === 'convolution' ? flipBoth(cfg.K) : cfg.K;
  const withBias = cfg.bias !== undefined;
  return { geom, opts, applied, withBias, steps: stepCount(geom.outH, geom.outW, withBias) };
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

/**
 * The arithmetic of step `cell`: the window sum "0×0 + 1×1 + 3×2 + 4×3 = 19" (from corr2dTerms/formatArithmetic,
 * with the applied kernel), or for the bias step "19 + b = 19 + 1 = 20".
 */
export function stepArithmetic(X: Matrix, plan: Plan, cell: StepCell, bias: number | undefined): string {
  const terms = corr2dTerms(X, plan.applied, cell.i, cell.j, plan.opts);
  if (cell.phase === 'sum' || bias === undefined) return formatArithmetic(terms, undefined, MAX_TERMS);
  const sum = terms.reduce((s, t) => s + t.x * t.k, 0);
  return `${formatNumber(sum)} + b = ${formatNumber(sum)} + ${formatNumber(bias, true)} = ${formatNumber(sum + bias)}`;
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

/** The arithmetic of output cell `(i, j)` in one line, the bias included: "0×0 + 1×1 + 3×2 + 4×3 + 1 = 20". */
export function cellArithmetic(X: Matrix, plan: Plan, i: number, j: number, bias: number | undefined): string {
  return formatArithmetic(corr2dTerms(X, plan.applied, i, j, plan.opts), bias, MAX_TERMS);
}
