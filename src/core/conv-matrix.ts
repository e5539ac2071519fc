// Cross-correlation as a matrix multiplication (the d2l §7.2 exercise; §14.10.3 "Connection to Matrix
// Transposition" builds it as `kernel2matrix`): vec(Y) = W·vec(X) with row-major vec, W sparse with one row per output
// cell holding the kernel's entries at the columns of the input cells its window reads. Wᵀ is the transposed
// convolution (`adjointTransposedOptions` gives its geometry), which is why that operation carries the name.

import { windowCells, type Geometry } from './geometry';
import { shapeOf, validateMatrix, type Matrix } from './matrix';
import { forwardGeometryOf, type TransposedGeometry } from './transposed-geometry';

/** One stored entry of W: row (output cell i·outW + j), column (input cell r·inW + c), value (a kernel entry). */
export type Entry = [row: number, col: number, value: number];

/** Sparse W, `[rows, cols]` = `[outH·outW, inH·inW]`, entries sorted by row then column (compressed-row offsets). */
export interface ConvMatrix {
  rows: number;
  cols: number;
  entries: Entry[];
  /** Entries of row `r` are `entries.slice(rowStart[r], rowStart[r + 1])`; length rows + 1. */
  rowStart: number[];
  geom: Geometry;
}

/**
 * W of the cross-correlation with kernel `K: [kh, kw]` and geometry `geom` (from `convGeometry`): row i·outW + j holds
 * `K[a][b]` at column `r·inW + c` for every window cell `(r, c, a, b)` of `windowCells(geom, i, j)`, so padding cells
 * (outside X) have no column, and stride and dilation move and spread the window. Entries are structural: a zero
 * kernel entry is stored too. d2l §14.10.3: X 3×3, K [[1,2],[3,4]] → row 0 = [1, 2, 0, 3, 4, 0, 0, 0, 0].
 * Throws "convMatrix: K is 3×3, the geometry's kernel is 2×2" and for a bad K.
 */
export function convMatrix(geom: Geometry, K: Matrix): ConvMatrix {
  const [kH, kW] = shapeOf(validateMatrix('convMatrix', 'K', K));
  if (kH !== geom.kH || kW !== geom.kW) {
    throw new Error(`convMatrix: K is ${kH}×${kW}, the geometry's kernel is ${geom.kH}×${geom.kW}`);
  }
  const entries: Entry[] = [];
  const rowStart = [0];
  for (let i = 0; i < geom.outH; i++) {
    for (let j = 0; j < geom.outW; j++) {
      const row = i * geom.outW + j;
      for (const [r, c, a, b] of windowCells(geom, i, j)) entries.push([row, r * geom.inW + c, K[a][b]]);
      rowStart.push(entries.length);
    }
  }
  return { rows: geom.outH * geom.outW, cols: geom.inH * geom.inW, entries, rowStart, geom };
}

/** Row `r` of W as `[col, value]` pairs, columns ascending. Throws when `r` is not a row of W. */
export function convMatrixRow(W: ConvMatrix, r: number): Array<[col: number, value: number]> {
  if (!Number.isInteger(r) || r < 0 || r >= W.rows)
    throw new Error(`convMatrixRow: row ${r} is outside 0…${W.rows - 1}`);
  return W.entries.slice(W.rowStart[r], W.rowStart[r + 1]).map(([, col, v]) => [col, v]);
}

/**
 * Dense W, `[rows, cols]`, for small layers (a view showing the whole matrix). Throws
 * "convMatrix: W is 400×10000, more than 65536 cells for a dense form" above `maxCells`.
 */
export function denseConvMatrix(W: ConvMatrix, maxCells = 65536): Matrix {
  if (W.rows * W.cols > maxCells) {
    throw new Error(`convMatrix: W is ${W.rows}×${W.cols}, more than ${maxCells} cells for a dense form`);
  }
  const D = Array.from({ length: W.rows }, () => new Array<number>(W.cols).fill(0));
  for (const [r, c, v] of W.entries) D[r][c] = v;
  return D;
}

/** W·x for `x` of length cols (vec(X), row-major) → vec(Y), length rows. Throws for a wrong length. */
export function convMatrixApply(W: ConvMatrix, x: ArrayLike<number>): number[] {
  if (x.length !== W.cols) throw new Error(`convMatrix: x has ${x.length} values, W has ${W.cols} columns`);
  const y = new Array<number>(W.rows).fill(0);
  for (const [r, c, v] of W.entries) y[r] += v * x[c];
  return y;
}

/** Wᵀ·y for `y` of length rows (vec(Y)) → length cols: the transposed convolution of Y, vectorised. */
export function convMatrixApplyTransposed(W: ConvMatrix, y: ArrayLike<number>): number[] {
  if (y.length !== W.rows) throw new Error(`convMatrix: y has ${y.length} values, W has ${W.rows} rows`);
  const x = new Array<number>(W.cols).fill(0);
  for (const [r, c, v] of W.entries) x[c] += v * y[r];
  return x;
}

/**
 * W whose transpose is the transposed convolution with kernel `K: [kh, kw]` and geometry `t` (from
 * `transposedGeometry`): the matrix of the cross-correlation `forwardGeometryOf(t)`, `[inH·inW, outH·outW]` of `t`, so
 * vec(Y) = Wᵀ·vec(X) (d2l §14.10.3: "the transposed convolution … as the matrix multiplication by Wᵀ"). Row i·inW + j
 * holds K[a][b] at the column of every output cell input cell (i, j) writes. Throws like `convMatrix`.
 */
export function transposedConvMatrix(t: TransposedGeometry, K: Matrix): ConvMatrix {
  return convMatrix(forwardGeometryOf(t), K);
}
