// The matrix view of the Step panel: cross-correlation as W·vec(X) = vec(Y) (the d2l §7.2 exercise; §14.10.3
// `kernel2matrix`), and the transposed convolution as Wᵀ·vec(X) = vec(Y) with the same W shown transposed. One row per
// output cell, one column per input cell (row-major vec; with several input channels, one block of columns per
// channel the output channel reads). Pure: tested in Node.
import { subscript } from '../../src/core/channels';
import { convMatrix, transposedConvMatrix, type Entry } from '../../src/core/conv-matrix';
import type { Matrix } from '../../src/core/matrix';
import type { Plan } from './model';
import type { TransposedPlan } from './transposed';

/** Largest side of W drawn whole (a canvas above 32), and most cells. */
export const MATRIX_MAX_SIDE = 1024;
export const MATRIX_MAX_CELLS = 1 << 20;

/** W (or Wᵀ) as the view shows it. */
export interface ShownMatrix {
  /** True for the transposed convolution: the matrix shown is Wᵀ. */
  transposed: boolean;
  rows: number;
  cols: number;
  /** Structural entries `[row, col, value]` of the matrix shown, by row then column. */
  entries: Entry[];
  /** The matrix as numbers when it is small enough to draw (else only the highlighted row is listed). */
  dense?: Matrix;
  /** Output cells per row: row r is output cell (⌊r / outW⌋, r mod outW). */
  outW: number;
  /** Input cells per channel block of columns: column k is cell k mod (inH·inW) of the block's channel. */
  inW: number;
  inCells: number;
  /** The input channels of the column blocks, in order. */
  channels: number[];
  /** "W · vec(X) = vec(Y)" with the shapes, and a sentence on what W is. */
  equation: string;
  note: string;
}

function names(cIn: number, channels: number[], cOut: number, out: number) {
  const x = cIn === 1 ? 'vec(X)' : `vec(${channels.map((c) => `X${subscript(c)}`).join(', ')})`;
  const y = cOut === 1 ? 'vec(Y)' : `vec(Y${subscript(out)})`;
  return { x, y };
}

function dense(rows: number, cols: number, entries: Entry[]): Matrix | undefined {
  if (Math.max(rows, cols) > MATRIX_MAX_SIDE || rows * cols > MATRIX_MAX_CELLS) return undefined;
  const D = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (const [r, c, v] of entries) D[r][c] = v;
  return D;
}

const byRowCol = (a: Entry, b: Entry) => a[0] - b[0] || a[1] - b[1];

/**
 * The matrix shown from its column blocks: `blocks[k]` holds the entries of input channel `channels[k]`, columns
 * counted inside the block (0 … inH·inW − 1); block k becomes columns k·inH·inW onwards.
 */
function shownMatrix(
  transposed: boolean,
  g: { outH: number; outW: number; inH: number; inW: number },
  channels: number[],
  blocks: Entry[][],
  words: (rows: number, cols: number) => { equation: string; note: string },
): ShownMatrix {
  const inCells = g.inH * g.inW;
  const entries = blocks.flatMap((b, k) => b.map(([r, c, v]): Entry => [r, k * inCells + c, v])).sort(byRowCol);
  const rows = g.outH * g.outW;
  const cols = channels.length * inCells;
  return {
    transposed,
    rows,
    cols,
    entries,
    dense: dense(rows, cols, entries),
    outW: g.outW,
    inW: g.inW,
    inCells,
    channels,
    ...words(rows, cols),
  };
}

/**
 * W of the forward layer for the plan's output channel: `[outH·outW, (c_in/groups)·inH·inW]`, block k of columns
 * being `convMatrix(geom, applied[out][k])` (the kernel as slid: flipped for true convolution). Padding cells have no
 * column (they are zeros), so a padded window's row holds fewer entries.
 */
export function forwardMatrix(plan: Plan, channels: number[]): ShownMatrix {
  const g = plan.geom;
  const blocks = plan.applied[plan.out].map((K) => convMatrix(g, K).entries);
  const { x, y } = names(plan.multi.cIn, channels, plan.multi.cOut, plan.out);
  const padded = g.padTop + g.padBottom + g.padLeft + g.padRight > 0;
  return shownMatrix(false, g, channels, blocks, (rows, cols) => ({
    equation: `W · ${x} = ${y}: W is ${rows}×${cols}, ${x} has ${cols} entries, ${y} ${rows}`,
    note:
      `One row per output cell, one column per input cell (row-major); row r holds the kernel at the input cells ` +
      `of its window${padded ? ' — padding cells are zeros and have no column' : ''}.`,
  }));
}

/**
 * Wᵀ of the transposed convolution for the plan's output channel: `[outH·outW, (c_in/groups)·inH·inW]`, block k of
 * columns being `transposedConvMatrix(geom, K[c][q])` transposed, where W (`[inH·inW, outH·outW]` per channel) is
 * the matrix of the cross-correlation of an outH×outW input with the same kernel, stride, padding and dilation
 * (d2l §14.10.3). Column i·inW + j is what input cell (i, j) scatters.
 */
export function transposedMatrix(plan: TransposedPlan, K: number[][][][]): ShownMatrix {
  const g = plan.geom;
  // transposedConvMatrix gives W ([inH·inW, outH·outW]): its entries swap row and column to read as Wᵀ.
  const blocks = plan.channels.map((ch) =>
    transposedConvMatrix(g, K[ch][plan.q]).entries.map(([r, c, v]): Entry => [c, r, v]),
  );
  const { x, y } = names(plan.multi.cIn, plan.channels, plan.multi.cOut, plan.out);
  const pads = [g.padTop, g.padBottom, g.padLeft, g.padRight];
  const pad = pads.every((p) => p === pads[0])
    ? String(pads[0])
    : `${g.padTop}/${g.padBottom}, ${g.padLeft}/${g.padRight}`;
  return shownMatrix(true, g, plan.channels, blocks, (rows, cols) => ({
    equation: `Wᵀ · ${x} = ${y}: Wᵀ is ${rows}×${cols}, ${x} has ${cols} entries, ${y} ${rows}`,
    note:
      `W (${cols}×${rows}) is the matrix of the cross-correlation of a ${g.outH}×${g.outW} input with K ` +
      `(stride ${g.strideH}, padding ${pad}, dilation ${g.dilationH}), shown transposed: one row per output cell, ` +
      `one column per input cell — column i·${g.inW} + j is what X[i, j] scatters (d2l §14.10.3).`,
  }));
}

/** The output cell of row `r`. */
export function cellOfRow(m: ShownMatrix, r: number): [number, number] {
  return [Math.floor(r / m.outW), r % m.outW];
}

/** The row of output cell (i, j). */
export function rowOfCell(m: ShownMatrix, i: number, j: number): number {
  return i * m.outW + j;
}

/** The columns of input cell (i, j), one per channel block. */
export function columnsOfCell(m: ShownMatrix, i: number, j: number): number[] {
  return m.channels.map((_, k) => k * m.inCells + i * m.inW + j);
}

/** The entries of row `r` as "column: value" pairs (for a W too large to draw). */
export function rowEntries(m: ShownMatrix, r: number): Array<[number, number]> {
  return m.entries.filter((e) => e[0] === r).map(([, c, v]) => [c, v]);
}

/** Cells of the drawn matrix with no entry (shown faint, so the sparsity shows). */
export function emptyCells(m: ShownMatrix): Array<[number, number]> {
  const has = new Set(m.entries.map(([r, c]) => r * m.cols + c));
  const out: Array<[number, number]> = [];
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) if (!has.has(r * m.cols + c)) out.push([r, c]);
  return out;
}
