// "Insert as literal" for arrays of any rank, in the style of `../literal/print.ts` (which prints vectors and
// matrices for the parser's round-trip tests): Python lists, numpy arrays, JavaScript arrays laid out like numpy's
// repr (one row per line, a blank line between matrices), and MATLAB, whose brackets hold at most a matrix, so 3-D and
// 4-D arrays are built with cat(3, …) / cat(4, …).

/** A nested array of numbers (rank ≥ 1). */
export type NestedNumbers = number[] | NestedNumbers[];

/** Target syntaxes of `printArray`. */
export type ArrayStyle = 'python' | 'numpy' | 'js' | 'matlab';

/**
 * Source text of `values` (a rectangular array of finite numbers, rank 1–4) in `style`:
 * - 'python' / 'js': nested brackets, innermost rows on one line, continuation lines aligned under the opening bracket
 *   at column `column` (the column where the literal starts in the caller's line).
 * - 'numpy': `np.array(…, dtype=np.float64)`.
 * - 'matlab': `[1 2; 3 4]` for a matrix; a `[c, h, w]` array as `cat(3, X₀, X₁, …)`, an h×w×c array whose
 *   `X(:, :, k)` is channel k; a `[o, i, kh, kw]` array as `cat(4, cat(3, …), …)`, kh×kw×i×o (the layout of
 *   TensorFlow's filters and MATLAB's convolution2dLayer weights).
 * Numbers use JavaScript's shortest round-trip form, which Python, MATLAB and JavaScript all read back exactly.
 * Throws "printArray: …" for ragged or non-finite arrays and ranks above 4.
 */
export function printArray(values: NestedNumbers, style: ArrayStyle, column = 0): string {
  const shape = checkShape(values);
  switch (style) {
    case 'python':
    case 'js':
      return brackets(values, column);
    case 'numpy':
      return `np.array(${brackets(values, column + 'np.array('.length)}, dtype=np.float64)`;
    case 'matlab':
      return matlab(values, shape.length);
  }
}

/** Shortest round-trip text of a finite number, "-0" as "0". */
export function formatLiteralNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

function brackets(v: NestedNumbers, column: number): string {
  if (typeof v[0] === 'number') return `[${(v as number[]).map(formatLiteralNumber).join(', ')}]`;
  const depth = rank(v);
  const sep = `,${'\n'.repeat(depth - 1)}${' '.repeat(column + 1)}`;
  return `[${(v as NestedNumbers[]).map((x) => brackets(x, column + 1)).join(sep)}]`;
}

function matlab(v: NestedNumbers, r: number): string {
  if (r === 1) return `[${(v as number[]).map(formatLiteralNumber).join(' ')}]`;
  if (r === 2) return `[${(v as number[][]).map((row) => row.map(formatLiteralNumber).join(' ')).join('; ')}]`;
  return `cat(${r}, ${(v as NestedNumbers[]).map((x) => matlab(x, r - 1)).join(', ')})`;
}

function rank(v: NestedNumbers | number): number {
  return Array.isArray(v) ? 1 + rank(v[0]) : 0;
}

function checkShape(values: NestedNumbers): number[] {
  const shape: number[] = [];
  for (let v: unknown = values; Array.isArray(v); v = v[0]) shape.push(v.length);
  if (shape.length > 4) throw new Error(`printArray: rank ${shape.length} is above 4`);
  const walk = (v: unknown, axis: number, path: number[]): void => {
    if (axis === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(`printArray: ${String(v)} at ${path.map((p) => `[${p}]`).join('')} is not a finite number`);
      }
      return;
    }
    const where = path.map((p) => `[${p}]`).join('') || 'the array';
    if (!Array.isArray(v)) throw new Error(`printArray: ${where} is not an array, expected ${shape[axis]} elements`);
    if (v.length !== shape[axis] || v.length === 0) {
      throw new Error(`printArray: ${where} has ${v.length} elements, expected ${shape[axis]}`);
    }
    v.forEach((x, k) => walk(x, axis + 1, [...path, k]));
  };
  walk(values, 0, []);
  return shape;
}
