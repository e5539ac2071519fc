// A dense float32 image or kernel, row-major: the fast paths' currency (no nested arrays, no copies per row).

import { convGeometry } from '../geometry';
import { flatten, fromFlat, shapeOf, validateMatrix, type Matrix } from '../matrix';

/** `data[r·w + c]` is the value at row r, column c; `data.length === h·w`. */
export interface Plane {
  data: Float32Array;
  h: number;
  w: number;
}

/** A nested-array matrix as a plane (float32, rounded). Throws like `validateMatrix` ("<op>: <name> …"). */
export function toPlane(M: Matrix, op = 'corr2dFast', name = 'X'): Plane {
  const [h, w] = shapeOf(validateMatrix(op, name, M));
  return { data: Float32Array.from(flatten(M)), h, w };
}

/** A plane as a nested-array matrix `[h, w]`. */
export function fromPlane(p: Plane): Matrix {
  return fromFlat(p.data, p.h, p.w);
}

/**
 * Checks a valid (no padding, stride 1) cross-correlation of `x` by `k` and returns the output shape
 * `[x.h − k.h + 1, x.w − k.w + 1]`. Throws "<op>: kernel 3×3 is larger than input 2×5" and for planes whose data
 * length does not match their shape.
 */
export function validShape(op: string, x: Plane, k: Plane): [number, number] {
  checkPlane(op, 'input', x);
  checkPlane(op, 'kernel', k);
  return validSize(op, x, k);
}

/** Throws "<op>: <name> 3×4 has 11 values" unless h, w are positive integers and `data.length === h·w`. */
export function checkPlane(op: string, name: string, p: Plane): void {
  if (!Number.isInteger(p.h) || !Number.isInteger(p.w) || p.h < 1 || p.w < 1 || p.data.length !== p.h * p.w) {
    throw new Error(`${op}: ${name} ${p.h}×${p.w} has ${p.data.length} values`);
  }
}

/**
 * Output shape of a valid, stride-1 cross-correlation of sizes `x` by `k`, from `convGeometry` (the one place output
 * sizes are computed); throws "<op>: kernel 3×3 is larger than input 2×5".
 */
export function validSize(op: string, x: { h: number; w: number }, k: { h: number; w: number }): [number, number] {
  const g = convGeometry({ inH: x.h, inW: x.w, kH: k.h, kW: k.w }, op);
  return [g.outH, g.outW];
}
