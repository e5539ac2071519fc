// Multi-channel arrays as nested plain arrays (d2l §7.4 "Multiple Input and Multiple Output Channels"): an input or
// feature map `X: [c, h, w]` is a list of channel matrices, a bank of kernels `K: [c_out, c_in/groups, kh, kw]` a list
// of those (PyTorch's Conv2d weight layout, torch.nn.Conv2d docs). Validation names the channel, row and cell.

import { flipBoth, type Matrix } from './matrix';

/** Channels of one feature map, `X: [c, h, w]`: `X[channel][row][column]`, every channel the same size. */
export type Volume = Matrix[];

/**
 * A bank of kernels in PyTorch's weight layout `K: [c_out, c_in/groups, kh, kw]`: `K[o][c]` is the kernel output
 * channel o applies to input channel c of its group (torch.nn.Conv2d `weight`). TensorFlow's `[kh, kw, in, out]` is
 * converted in `layout.ts`, nowhere else.
 */
export type Filters = Volume[];

/** Shape of a volume, `[c, h, w]`. */
export type VolumeShape = [c: number, h: number, w: number];

/** Shape of a filter bank, `[c_out, c_in/groups, kh, kw]`. */
export type FiltersShape = [cOut: number, cInPerGroup: number, kH: number, kW: number];

/**
 * Checks that `V` is a non-empty `[c, h, w]` array of finite numbers, every channel the same `h×w`, and returns it
 * typed (the same array). Throws an Error starting with `op` and naming the place: "corr2dMulti: X has no channels",
 * "corr2dMulti: X channel 1 row 2 has 3 elements, row 0 has 4", "corr2dMulti: X channel 1 is 2×4, channel 0 is 3×4",
 * "corr2dMulti: X[1][2][3] is NaN".
 */
export function validateVolume(op: string, name: string, V: unknown): Volume {
  checkList(op, `${name}`, V, 'channels');
  const list = V as unknown[];
  const first = checkMatrix(op, name, `${name} channel 0`, [0], list[0]);
  list.forEach((M, c) => {
    if (c === 0) return;
    const [h, w] = checkMatrix(op, name, `${name} channel ${c}`, [c], M);
    if (h !== first[0] || w !== first[1]) {
      throw new Error(`${op}: ${name} channel ${c} is ${h}×${w}, channel 0 is ${first[0]}×${first[1]}`);
    }
  });
  return V as Volume;
}

/**
 * Checks that `K` is a non-empty `[c_out, c_in/groups, kh, kw]` array of finite numbers (every output channel the same
 * number of input channels, every kernel the same `kh×kw`) and returns it typed. Throws naming the place:
 * "corr2dMulti: K output channel 1 has 2 input channels, output channel 0 has 3",
 * "corr2dMulti: K output channel 1 input channel 0 is 3×3, K[0][0] is 2×2", "corr2dMulti: K[1][0][2][2] is Infinity".
 */
export function validateFilters(op: string, name: string, K: unknown): Filters {
  checkList(op, name, K, 'output channels');
  const outs = K as unknown[];
  let first: [number, number, number] | undefined;
  outs.forEach((V, o) => {
    checkList(op, `${name} output channel ${o}`, V, 'input channels');
    const ins = V as unknown[];
    if (first && ins.length !== first[0]) {
      throw new Error(
        `${op}: ${name} output channel ${o} has ${ins.length} input channels, output channel 0 has ${first[0]}`,
      );
    }
    ins.forEach((M, c) => {
      const [h, w] = checkMatrix(op, name, `${name} output channel ${o} input channel ${c}`, [o, c], M);
      first ??= [ins.length, h, w];
      if (h !== first[1] || w !== first[2]) {
        throw new Error(
          `${op}: ${name} output channel ${o} input channel ${c} is ${h}×${w}, ${name}[0][0] is ${first[1]}×${first[2]}`,
        );
      }
    });
  });
  return K as Filters;
}

/** Shape of a (valid) volume: `X: [c, h, w]` → `[c, h, w]`. */
export function volumeShape(X: Volume): VolumeShape {
  return [X.length, X[0].length, X[0][0].length];
}

/** Shape of a (valid) filter bank: `K: [c_out, c_in/groups, kh, kw]` → that tuple. */
export function filtersShape(K: Filters): FiltersShape {
  return [K.length, K[0].length, K[0][0].length, K[0][0][0].length];
}

/**
 * Every kernel flipped top-bottom and left-right: true convolution is cross-correlation with these
 * (d2l §7.2.1; torch.nn.functional.conv2d and tf.nn.conv2d both compute the cross-correlation).
 */
export function flipFilters(K: Filters): Filters {
  return K.map((V) => V.map(flipBoth));
}

/** A new `[c, h, w]` volume of `value` (default 0). */
export function filledVolume(c: number, h: number, w: number, value = 0): Volume {
  return Array.from({ length: c }, () => Array.from({ length: h }, () => new Array<number>(w).fill(value)));
}

/** Row-major (C-order) values of a `[c, h, w]` volume, channel after channel. */
export function flattenVolume(X: Volume): number[] {
  return X.flat(2);
}

/** Row-major values of a `[c_out, c_in/groups, kh, kw]` filter bank (PyTorch's `weight.flatten()`). */
export function flattenFilters(K: Filters): number[] {
  return K.flat(3);
}

function checkList(op: string, where: string, v: unknown, items: string): void {
  if (!Array.isArray(v)) throw new Error(`${op}: ${where} is not an array of ${items}, got ${describe(v)}`);
  if (v.length === 0) throw new Error(`${op}: ${where} has no ${items}`);
}

/** A matrix inside a nested array: `where` names it in messages ("X channel 1"), `index` prefixes cell indices. */
function checkMatrix(op: string, name: string, where: string, index: number[], M: unknown): [number, number] {
  if (!Array.isArray(M)) throw new Error(`${op}: ${where} is not a matrix (an array of rows), got ${describe(M)}`);
  if (M.length === 0) throw new Error(`${op}: ${where} is empty`);
  const rows: unknown[] = M;
  const width = Array.isArray(rows[0]) ? rows[0].length : -1;
  if (width === 0) throw new Error(`${op}: ${where} is empty (row 0 has no elements)`);
  const prefix = `${name}${index.map((i) => `[${i}]`).join('')}`;
  rows.forEach((row, r) => {
    if (!Array.isArray(row)) throw new Error(`${op}: ${where} row ${r} is not an array, got ${describe(row)}`);
    if (row.length !== width)
      throw new Error(`${op}: ${where} row ${r} has ${row.length} elements, row 0 has ${width}`);
    const cells: unknown[] = row;
    cells.forEach((v, c) => {
      if (typeof v !== 'number') throw new Error(`${op}: ${prefix}[${r}][${c}] is not a number, got ${describe(v)}`);
      if (!Number.isFinite(v)) throw new Error(`${op}: ${prefix}[${r}][${c}] is ${v}`);
    });
  });
  return [rows.length, width];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `string "${v.slice(0, 20)}"` : typeof v;
}

/** How deeply `a` nests arrays (a number is 0, `[1, 2]` is 1, a matrix 2, a volume 3, a bank of filters 4). */
export function depthOf(a: unknown): number {
  let d = 0;
  for (let x = a; Array.isArray(x); x = x[0]) d++;
  return d;
}

/**
 * X as the multi-channel views take it: `[h, w]` is one channel, `[c, h, w]` is itself. Throws "… X is N-D: …" for
 * any other depth (d2l §7.4: inputs are `[c_in, h, w]`).
 */
export function asVolume(op: string, X: Matrix | Volume): Volume {
  const d = depthOf(X);
  if (d === 2) return [X as Matrix];
  if (d === 3) return X as Volume;
  throw new Error(`${op}: X is ${d}-D; an input is a matrix [h, w] or channels [c_in, h, w]`);
}

/**
 * K as the multi-channel views take it: `[kh, kw]` is one kernel (one input, one output channel); `[c_in, kh, kw]` one
 * output channel over c_in input channels (d2l §7.4.1 `corr2d_multi_in`); `[c_out, c_in/groups, kh, kw]` a bank in
 * PyTorch's weight layout (§7.4.2 `corr2d_multi_in_out`). Throws for any other depth.
 */
export function asFilters(op: string, K: Matrix | Volume | Filters): Filters {
  const d = depthOf(K);
  if (d === 2) return [[K as Matrix]];
  if (d === 3) return [K as Volume];
  if (d === 4) return K as Filters;
  throw new Error(`${op}: K is ${d}-D; a kernel is [kh, kw], [c_in, kh, kw] or [c_out, c_in/groups, kh, kw]`);
}

/**
 * `a` when it is a matrix `[h, w]`; throws "<op>: <name> is <shape> (<depth>-D); <where> takes a matrix [h, w]" for an
 * input with channels, so a view that has none says so instead of misreading it.
 */
export function matrixOnly(op: string, name: string, a: Matrix | Volume | Filters, where: string): Matrix {
  const d = depthOf(a);
  if (d === 2) return a as Matrix;
  const shape: number[] = [];
  for (let x: unknown = a; Array.isArray(x); x = x[0]) shape.push(x.length);
  throw new Error(
    `${op}: ${name} is ${shape.join('×')} (${d}-D); ${where} takes a matrix [h, w] — the Step panel shows channels`,
  );
}

/**
 * K of a transposed convolution as PyTorch's ConvTranspose2d weight `[c_in, c_out/groups, kh, kw]`: `[kh, kw]` is one
 * kernel; `[c_in, kh, kw]` one kernel per input channel into a single output channel; 4-D is itself.
 */
export function asTransposedFilters(op: string, K: Matrix | Volume | Filters): Filters {
  const d = depthOf(K);
  if (d === 2) return [[K as Matrix]];
  if (d === 3) return (K as Volume).map((M) => [M]);
  if (d === 4) return K as Filters;
  throw new Error(
    `${op}: K is ${d}-D; a transposed kernel is [kh, kw], [c_in, kh, kw] or [c_in, c_out/groups, kh, kw]`,
  );
}

/** An input X as written: a matrix `[h, w]` or channels `[c, h, w]`; throws "… X is 4-D …" for anything else. */
export function asInput(op: string, X: Matrix | Volume | Filters): Matrix | Volume {
  const d = depthOf(X);
  if (d === 2) return X as Matrix;
  if (d === 3) return X as Volume;
  throw new Error(`${op}: X is ${d}-D; an input is a matrix [h, w] or channels [c_in, h, w]`);
}
