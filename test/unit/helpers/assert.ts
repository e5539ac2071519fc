// Numeric assertions with a stated tolerance and a message that says where two matrices differ.

import assert from 'node:assert/strict';
import { shapeOf, type Matrix } from '../../../src/core/matrix';

/** |actual − expected| ≤ tol, or relative: |actual − expected| ≤ rel·|expected|. */
export function assertClose(actual: number, expected: number, tol: number, what = 'value', relative = false): void {
  const bound = relative ? tol * Math.abs(expected) : tol;
  assert.ok(Number.isFinite(actual), `${what}: ${actual} is not finite`);
  assert.ok(Math.abs(actual - expected) <= bound, `${what}: ${actual} differs from ${expected} by more than ${bound}`);
}

/** Same shape, and every element within `tol` (absolute). */
export function assertMatrixClose(actual: Matrix, expected: Matrix, tol: number, what = 'matrix'): void {
  assert.deepEqual(shapeOf(actual), shapeOf(expected), `${what}: shape`);
  expected.forEach((row, r) => row.forEach((v, c) => assertClose(actual[r][c], v, tol, `${what}[${r}][${c}]`)));
}
