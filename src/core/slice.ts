// One 2-D plane of an N-D array, as a slicer chooses it: two axes drawn as rows and columns, an index for every other
// axis (numpy's basic indexing, https://numpy.org/doc/stable/user/basics.indexing.html: `K[1, :, :]` is a plane of a
// `[c, h, w]` array; `K[:, 2, :]` with rows over axis 0 cuts across the channels). Values are row-major (C order), so
// the plane is an offset and two strides into the flat data, never a copy of the whole array. A `step` > 1 takes
// every step-th row and column (`K[0, ::4, ::4]`), for planes too large to pull whole from a debugger.

/** The plane a view shows: the axes drawn as rows and as columns, and an index for each axis (unused on those two). */
export interface PlaneSelection {
  /** Axis drawn down the rows; -1 for a vector (one row). */
  rowAxis: number;
  colAxis: number;
  /** One index per axis of the array; the entries of `rowAxis` and `colAxis` are ignored (kept as 0). */
  index: number[];
}

/** Where a plane's values sit in row-major data: element (r, c) is `data[base + r·rowStride + c·colStride]`. */
export interface PlaneLayout {
  rows: number;
  cols: number;
  base: number;
  rowStride: number;
  colStride: number;
}

/** Elements of an array of `shape` (1 for a scalar, shape `[]`). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Row-major strides of `shape`, in elements: `[2, 3, 4]` → `[12, 4, 1]`. */
export function stridesOf(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = s;
    s *= shape[d];
  }
  return out;
}

/**
 * The plane a view starts on: the last two axes at index 0 of the others (the first matrix, as `matricesOf` orders
 * them); a vector is one row. Rank 0 has no axis to draw: `{ rowAxis: -1, colAxis: -1 }`.
 */
export function defaultSelection(shape: readonly number[]): PlaneSelection {
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  if (rank === 0) return { rowAxis: -1, colAxis: -1, index };
  if (rank === 1) return { rowAxis: -1, colAxis: 0, index };
  return { rowAxis: rank - 2, colAxis: rank - 1, index };
}

/**
 * `sel` made valid for `shape`: axes in range and distinct (else the default axes), indices clamped to
 * `[0, n − 1]`, one per axis. A saved selection of another array, or none, becomes the default.
 */
export function fitSelection(shape: readonly number[], sel: PlaneSelection | undefined): PlaneSelection {
  const d = defaultSelection(shape);
  if (!sel || sel.index.length !== shape.length) return d;
  const rank = shape.length;
  const axisOk = (a: number) => Number.isInteger(a) && a >= 0 && a < rank;
  const axesOk = rank >= 2 ? axisOk(sel.rowAxis) && axisOk(sel.colAxis) && sel.rowAxis !== sel.colAxis : false;
  const { rowAxis, colAxis } = axesOk ? sel : d;
  const index = shape.map((n, a) =>
    a === rowAxis || a === colAxis ? 0 : Math.min(n - 1, Math.max(0, Math.trunc(sel.index[a]) || 0)),
  );
  return { rowAxis, colAxis, index };
}

/**
 * The layout of plane `sel` of an array of `shape` (row-major), taking every `step`-th row and column:
 * `rows = ⌈n_row / step⌉`, `cols = ⌈n_col / step⌉`. A vector is 1×n; a scalar 1×1. Throws when `sel` does not fit
 * `shape` (an axis out of range, the two axes equal, an index out of range — named by axis) or `step` is not a whole
 * number ≥ 1.
 */
export function planeLayout(shape: readonly number[], sel: PlaneSelection, step = 1): PlaneLayout {
  checkSelection(shape, sel, step);
  const strides = stridesOf(shape);
  let base = 0;
  shape.forEach((_, a) => {
    if (a !== sel.rowAxis && a !== sel.colAxis) base += sel.index[a] * strides[a];
  });
  const along = (a: number) => (a < 0 ? { n: 1, s: 0 } : { n: Math.ceil(shape[a] / step), s: strides[a] * step });
  const r = along(sel.rowAxis);
  const c = along(sel.colAxis);
  return { rows: r.n, cols: c.n, base, rowStride: r.s, colStride: c.s };
}

function checkSelection(shape: readonly number[], sel: PlaneSelection, step: number): void {
  const rank = shape.length;
  if (!Number.isInteger(step) || step < 1) throw new Error(`plane: step must be a whole number ≥ 1, got ${step}`);
  if (sel.index.length !== rank) {
    throw new Error(`plane: ${sel.index.length} indices for a ${rank}-D array of shape ${shape.join('×') || '()'}`);
  }
  const wantRow = rank >= 2;
  const axis = (name: string, a: number, optional: boolean) => {
    if (optional && a === -1) return;
    if (!Number.isInteger(a) || a < 0 || a >= rank) {
      throw new Error(`plane: ${name} axis ${a} is not an axis of a ${rank}-D array (0 … ${rank - 1})`);
    }
  };
  axis('row', sel.rowAxis, !wantRow);
  axis('column', sel.colAxis, rank === 0);
  if (rank >= 2 && sel.rowAxis === sel.colAxis)
    throw new Error(`plane: rows and columns both run over axis ${sel.rowAxis}`);
  shape.forEach((n, a) => {
    if (a === sel.rowAxis || a === sel.colAxis) return;
    const i = sel.index[a];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new Error(`plane: index ${i} on axis ${a} is outside 0 … ${n - 1}`);
    }
  });
}

/**
 * Plane `sel` of `data` (row-major, `shape`) as a matrix `[rows, cols]`, every `step`-th row and column. Throws as
 * `planeLayout` does, and when `data` does not hold `sizeOf(shape)` values.
 */
export function extractPlane(
  data: ArrayLike<number>,
  shape: readonly number[],
  sel: PlaneSelection,
  step = 1,
): number[][] {
  if (data.length !== sizeOf(shape)) {
    throw new Error(`plane: ${data.length} values for shape ${shape.join('×') || '()'} (${sizeOf(shape)} expected)`);
  }
  const p = planeLayout(shape, sel, step);
  return Array.from({ length: p.rows }, (_, r) =>
    Array.from({ length: p.cols }, (_, c) => data[p.base + r * p.rowStride + c * p.colStride]),
  );
}

/**
 * The plane in numpy's notation, e.g. `K[1, :, :]`, `K[:, 0, ::4]` (`::step` on the drawn axes), and `.T` when the
 * rows run over a later axis than the columns (the plane is the transpose of what the index gives). A 2-D array drawn
 * as it is gives `K`; a scalar `K`.
 */
export function planeText(name: string, shape: readonly number[], sel: PlaneSelection, step = 1): string {
  const rank = shape.length;
  const whole = rank <= 2 && step === 1 && (rank < 2 || sel.rowAxis < sel.colAxis);
  if (whole) return name;
  const drawn = step === 1 ? ':' : `::${step}`;
  const parts = shape.map((_, a) => (a === sel.rowAxis || a === sel.colAxis ? drawn : String(sel.index[a])));
  const transposed = sel.rowAxis >= 0 && sel.rowAxis > sel.colAxis;
  return `${name}[${parts.join(', ')}]${transposed ? '.T' : ''}`;
}

/**
 * The smallest step whose plane `⌈h/step⌉ × ⌈w/step⌉` holds at most `limit` values (1 when the plane fits): how a
 * plane too large to pull is thinned to every step-th row and column. Throws for a limit below 1.
 */
export function stepWithin(h: number, w: number, limit: number): number {
  if (!(limit >= 1)) throw new Error(`plane: the value limit must be ≥ 1, got ${limit}`);
  let step = Math.max(1, Math.ceil(Math.sqrt((h * w) / limit)));
  while (Math.ceil(h / step) * Math.ceil(w / step) > limit) step++;
  return step;
}
