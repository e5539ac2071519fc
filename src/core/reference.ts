// Plain-loop float64 cross-correlation: the independent reference the tests hold tfjs to, and what the extension host
// computes with (it never loads tfjs). Same loop nest as tfjs-backend-cpu's Conv2D, one channel.

import { convGeometry, windowCells, type ConvOptions, type Geometry } from './geometry';
import { flipBoth, shapeOf, validateMatrix, type Matrix } from './matrix';

/**
 * Validates X and K and computes their geometry; errors are prefixed with `op`.
 * `X: [h, w]`, `K: [kh, kw]` → the `Geometry` of the cross-correlation.
 */
export function corrGeometry(op: string, X: unknown, K: unknown, opts: ConvOptions = {}): Geometry {
  const [inH, inW] = shapeOf(validateMatrix(op, 'X', X));
  const [kH, kW] = shapeOf(validateMatrix(op, 'K', K));
  return convGeometry({ inH, inW, kH, kW, ...opts }, op);
}

/**
 * 2-D cross-correlation in float64 (d2l §7.2.1 `corr2d`, generalised by §7.3 to padding and stride):
 * `Y[i][j] = Σₐ Σ_b X[i·sh − pt + a·dh][j·sw − pl + b·dw] · K[a][b]`, zero outside X.
 * `X: [h, w]`, `K: [kh, kw]` → `[outH, outW]` from `convGeometry` (valid, stride 1: `[h − kh + 1, w − kw + 1]`).
 * Throws "corr2d: …" for empty, ragged or non-finite matrices and a kernel larger than the (padded) input.
 */
export function corr2dReference(X: Matrix, K: Matrix, opts: ConvOptions = {}): Matrix {
  return correlate('corr2d', X, K, opts);
}

/**
 * True 2-D convolution: cross-correlation with the kernel flipped top-bottom and left-right (d2l §7.2.1 note).
 * Shapes, options and errors as `corr2dReference` (messages start with "convolve2d:").
 */
export function convolve2dReference(X: Matrix, K: Matrix, opts: ConvOptions = {}): Matrix {
  validateMatrix('convolve2d', 'K', K);
  return correlate('convolve2d', X, flipBoth(K), opts);
}

function correlate(op: string, X: Matrix, K: Matrix, opts: ConvOptions): Matrix {
  const g = corrGeometry(op, X, K, opts);
  const Y: Matrix = new Array(g.outH);
  for (let i = 0; i < g.outH; i++) {
    const row = new Array<number>(g.outW);
    for (let j = 0; j < g.outW; j++) row[j] = windowSum(X, K, g, i, j);
    Y[i] = row;
  }
  return Y;
}

function windowSum(X: Matrix, K: Matrix, g: Geometry, i: number, j: number): number {
  let s = 0;
  for (let a = 0; a < g.kH; a++) {
    const r = i * g.strideH - g.padTop + a * g.dilationH;
    if (r < 0 || r >= g.inH) continue;
    const xRow = X[r];
    const kRow = K[a];
    for (let b = 0; b < g.kW; b++) {
      const c = j * g.strideW - g.padLeft + b * g.dilationW;
      if (c >= 0 && c < g.inW) s += xRow[c] * kRow[b];
    }
  }
  return s;
}

/** One product of the window sum: input value `x` at `[r, c]` times kernel value `k` at `[kr, kc]`. */
export interface Term {
  x: number;
  k: number;
  r: number;
  c: number;
  kr: number;
  kc: number;
}

/**
 * The products that make output cell `(i, j)` of `corr2d(X, K, opts)`, in kernel row-major order, padding cells
 * left out (they contribute 0). Fig. 5.1 cell (0, 0) → x 0,1,3,4 times k 0,1,2,3.
 * Throws like `corr2dReference`, and when `(i, j)` is outside the output.
 */
export function corr2dTerms(X: Matrix, K: Matrix, i: number, j: number, opts: ConvOptions = {}): Term[] {
  const g = corrGeometry('corr2d', X, K, opts);
  return windowCells(g, i, j).map(([r, c, kr, kc]) => ({ x: X[r][c], k: K[kr][kc], r, c, kr, kc }));
}

/**
 * The arithmetic of one output cell as text: "0×0 + 1×1 + 3×2 + 4×3 = 19", with " + b" before "=" when a bias is
 * given. Negative factors are parenthesised ("1×(-1)"); numbers keep at most 6 significant digits.
 * No terms (window entirely in the padding) → "0 = 0". More than `maxTerms` products (a large kernel) show the first
 * ones and the last few around "… (n more) …"; the total is always the full sum.
 */
export function formatArithmetic(terms: Term[], bias?: number, maxTerms = Infinity): string {
  const product = (t: Term) => `${formatNumber(t.x, true)}×${formatNumber(t.k, true)}`;
  const tail = 4;
  const parts =
    terms.length > maxTerms && maxTerms > tail
      ? [
          ...terms.slice(0, maxTerms - tail).map(product),
          `… (${terms.length - maxTerms} more) …`,
          ...terms.slice(terms.length - tail).map(product),
        ]
      : terms.map(product);
  if (parts.length === 0) parts.push('0');
  let sum = terms.reduce((s, t) => s + t.x * t.k, 0);
  if (bias !== undefined) {
    parts.push(formatNumber(bias, true));
    sum += bias;
  }
  return `${parts.join(' + ')} = ${formatNumber(sum, false)}`;
}

/** A number for display: at most 6 significant digits, no trailing zeros, "-0" shown as "0". */
export function formatNumber(v: number, parenthesiseNegative = false): string {
  const text = Object.is(v, -0) ? '0' : String(Number(v.toPrecision(6)));
  return parenthesiseNegative && text.startsWith('-') ? `(${text})` : text;
}
