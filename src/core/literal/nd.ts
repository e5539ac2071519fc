// The 2-D matrices of an N-D array, for views that draw matrices: a 3-D array is slices of h×w, a 4-D kernel bank
// `[c_out, c_in, kh, kw]` is c_out·c_in matrices named by their index path, as the parser's messages name them.

import { unravel, where } from './shape';

/** One matrix of an array: its index over the leading axes, a label ("slice 2", "[1][0]"), where its values start. */
export interface MatrixSlice {
  index: number[];
  /** "" for a vector or a matrix, "slice s" in a 3-D array, "[i][j]" beyond (the parser's `where` wording). */
  label: string;
  /** Offset of its first value in the row-major data. */
  offset: number;
  rows: number;
  cols: number;
}

/**
 * The matrices of an array of `shape` in reading order, at most `limit` of them: a vector is one 1×n matrix, a matrix
 * itself, a `[d, h, w]` array d slices of h×w, `[a, b, h, w]` a·b matrices `[i][j]`. Rank 0 has none.
 */
export function matricesOf(shape: readonly number[], limit = Infinity): MatrixSlice[] {
  if (shape.length === 0) return [];
  const rank = shape.length;
  const [rows, cols] = rank === 1 ? [1, shape[0]] : shape.slice(-2);
  const lead = shape.slice(0, Math.max(0, rank - 2));
  const count = lead.reduce((a, b) => a * b, 1);
  const out: MatrixSlice[] = [];
  for (let m = 0; m < Math.min(count, limit); m++) {
    const index = unravel(m, lead);
    out.push({ index, label: index.length === 0 ? '' : where(index, rank), offset: m * rows * cols, rows, cols });
  }
  return out;
}
