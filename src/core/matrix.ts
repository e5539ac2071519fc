// Dense row-major matrices as plain nested arrays: what users write in source files, what travels in messages,
// and what the plain-loop reference computes on. Validation names the operation and the offending cell.

/** A dense 2-D matrix, row-major: `M[r][c]`, every row the same length. */
export type Matrix = number[][];

/** Height and width of a matrix, `[h, w]`. */
export type Shape = [number, number];

/**
 * Checks that `M` is a non-empty rectangular matrix of finite numbers and returns it typed.
 * `M: unknown` → `Matrix` of shape `[h, w]`, h ≥ 1, w ≥ 1 (the same array, not a copy).
 * Throws an Error naming `op`, the matrix `name` and the place:
 * "corr2d: K is empty", "corr2d: K row 1 has 3 elements, row 0 has 2", "corr2d: X[2][3] is NaN".
 */
export function validateMatrix(op: string, name: string, M: unknown): Matrix {
  if (!Array.isArray(M)) throw new Error(`${op}: ${name} is not a matrix (an array of rows), got ${describe(M)}`);
  if (M.length === 0) throw new Error(`${op}: ${name} is empty`);
  const rows: unknown[] = M;
  const first = rows[0];
  if (!Array.isArray(first)) throw new Error(`${op}: ${name} row 0 is not an array, got ${describe(first)}`);
  if (first.length === 0) throw new Error(`${op}: ${name} is empty (row 0 has no elements)`);
  rows.forEach((row, r) => validateRow(op, name, row, r, first.length));
  return M as Matrix;
}

function validateRow(op: string, name: string, row: unknown, r: number, width: number): void {
  if (!Array.isArray(row)) throw new Error(`${op}: ${name} row ${r} is not an array, got ${describe(row)}`);
  if (row.length !== width) throw new Error(`${op}: ${name} row ${r} has ${row.length} elements, row 0 has ${width}`);
  const cells: unknown[] = row;
  cells.forEach((v, c) => {
    if (typeof v !== 'number') throw new Error(`${op}: ${name}[${r}][${c}] is not a number, got ${describe(v)}`);
    if (!Number.isFinite(v)) throw new Error(`${op}: ${name}[${r}][${c}] is ${v}`);
  });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `string "${v.slice(0, 20)}"` : typeof v;
}

/** Shape of a (valid) matrix: `M: [h, w]` → `[h, w]`. */
export function shapeOf(M: Matrix): Shape {
  return [M.length, M[0]?.length ?? 0];
}

/** A shape as text for messages and labels: `[3, 4]` → "3×4". */
export function formatShape([h, w]: Shape): string {
  return `${h}×${w}`;
}

/** A new `[h, w]` matrix filled with `value` (default 0). Throws for non-positive or non-integer sizes. */
export function filled(h: number, w: number, value = 0): Matrix {
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1) {
    throw new Error(`filled: shape ${h}×${w} must be positive integers`);
  }
  return Array.from({ length: h }, () => new Array<number>(w).fill(value));
}

/** Row-major values of `M: [h, w]` as a Float64Array of length h·w (what tfjs tensors are built from). */
export function flatten(M: Matrix): Float64Array {
  const [h, w] = shapeOf(M);
  const out = new Float64Array(h * w);
  M.forEach((row, r) => out.set(row, r * w));
  return out;
}

/** Inverse of `flatten`: `data` of length h·w (row-major) → `[h, w]`. Throws if the length does not match. */
export function fromFlat(data: ArrayLike<number>, h: number, w: number): Matrix {
  if (data.length !== h * w) throw new Error(`fromFlat: ${data.length} values cannot fill ${h}×${w}`);
  return Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => data[r * w + c]));
}

/** Element-wise map into a new matrix of the same shape. */
export function mapMatrix(M: Matrix, f: (v: number, r: number, c: number) => number): Matrix {
  return M.map((row, r) => row.map((v, c) => f(v, r, c)));
}

/** `M: [h, w]` → `Mᵀ: [w, h]`. */
export function transpose(M: Matrix): Matrix {
  const [h, w] = shapeOf(M);
  return Array.from({ length: w }, (_, c) => Array.from({ length: h }, (_, r) => M[r][c]));
}

/** Top-bottom flip (rows reversed): `M'[r][c] = M[h−1−r][c]`. */
export function flipUpDown(M: Matrix): Matrix {
  return M.map((_, r) => [...M[M.length - 1 - r]]);
}

/** Left-right flip (columns reversed): `M'[r][c] = M[r][w−1−c]`. */
export function flipLeftRight(M: Matrix): Matrix {
  return M.map((row) => [...row].reverse());
}

/**
 * Flip both ways (a 180° rotation): true convolution is cross-correlation with this kernel
 * (d2l §7.2.1, "Convolutions for Images"; TensorFlow's conv2d is the cross-correlation).
 */
export function flipBoth(M: Matrix): Matrix {
  return flipLeftRight(flipUpDown(M));
}

/** Largest absolute element-wise difference of two same-shaped matrices; throws if the shapes differ. */
export function maxAbsDiff(A: Matrix, B: Matrix): number {
  const [ha, wa] = shapeOf(A);
  const [hb, wb] = shapeOf(B);
  if (ha !== hb || wa !== wb) throw new Error(`maxAbsDiff: shapes ${ha}×${wa} and ${hb}×${wb} differ`);
  let m = 0;
  A.forEach((row, r) => row.forEach((v, c) => (m = Math.max(m, Math.abs(v - B[r][c])))));
  return m;
}
