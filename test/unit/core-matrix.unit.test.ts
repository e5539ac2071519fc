import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  filled,
  flatten,
  flipBoth,
  flipLeftRight,
  flipUpDown,
  formatShape,
  fromFlat,
  maxAbsDiff,
  shapeOf,
  transpose,
  validateMatrix,
} from '../../src/core/matrix';

describe('validateMatrix', () => {
  test('X=[2,3] valid → returned unchanged', () => {
    const X = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    assert.equal(validateMatrix('corr2d', 'X', X), X);
  });
  test('empty matrix [] → "corr2d: K is empty"', () => {
    assert.throws(() => validateMatrix('corr2d', 'K', []), { message: 'corr2d: K is empty' });
  });
  test('empty row [[]] → names row 0', () => {
    assert.throws(() => validateMatrix('corr2d', 'K', [[]]), { message: 'corr2d: K is empty (row 0 has no elements)' });
  });
  test('ragged [[1,2],[1,2,3]] → "K row 1 has 3 elements, row 0 has 2"', () => {
    assert.throws(
      () =>
        validateMatrix('corr2d', 'K', [
          [1, 2],
          [1, 2, 3],
        ]),
      {
        message: 'corr2d: K row 1 has 3 elements, row 0 has 2',
      },
    );
  });
  test('NaN at [2][3] → "corr2d: X[2][3] is NaN"', () => {
    const X = filled(3, 4, 1);
    X[2][3] = NaN;
    assert.throws(() => validateMatrix('corr2d', 'X', X), { message: 'corr2d: X[2][3] is NaN' });
  });
  test('Infinity at [0][1] → "corr2d: X[0][1] is Infinity"', () => {
    assert.throws(() => validateMatrix('corr2d', 'X', [[0, Infinity]]), { message: 'corr2d: X[0][1] is Infinity' });
  });
  test('string element → names the cell and the type', () => {
    assert.throws(() => validateMatrix('corr2d', 'X', [[0, '1']]), {
      message: 'corr2d: X[0][1] is not a number, got string "1"',
    });
  });
  test('not an array → says what it got', () => {
    assert.throws(() => validateMatrix('corr2d', 'X', 3), {
      message: 'corr2d: X is not a matrix (an array of rows), got number',
    });
    assert.throws(() => validateMatrix('corr2d', 'X', [1, 2]), {
      message: 'corr2d: X row 0 is not an array, got number',
    });
  });
});

describe('shape helpers and flips', () => {
  const M = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  test('shape [2,3], text "2×3"', () => {
    assert.deepEqual(shapeOf(M), [2, 3]);
    assert.equal(formatShape(shapeOf(M)), '2×3');
  });
  test('flatten/fromFlat round trip [2,3]', () => {
    assert.deepEqual(Array.from(flatten(M)), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(fromFlat(flatten(M), 2, 3), M);
    assert.throws(() => fromFlat([1, 2, 3], 2, 2), { message: 'fromFlat: 3 values cannot fill 2×2' });
  });
  test('transpose [2,3] → [3,2]', () => {
    assert.deepEqual(transpose(M), [
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
  test('flip up-down, left-right, both', () => {
    assert.deepEqual(flipUpDown(M), [
      [4, 5, 6],
      [1, 2, 3],
    ]);
    assert.deepEqual(flipLeftRight(M), [
      [3, 2, 1],
      [6, 5, 4],
    ]);
    assert.deepEqual(flipBoth(M), [
      [6, 5, 4],
      [3, 2, 1],
    ]);
    assert.deepEqual(
      M,
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'input not mutated',
    );
  });
  test('maxAbsDiff of [2,3] matrices, and shape mismatch error', () => {
    assert.equal(
      maxAbsDiff(M, [
        [1, 2, 3],
        [4, 5, 6.5],
      ]),
      0.5,
    );
    assert.throws(() => maxAbsDiff(M, [[1]]), { message: 'maxAbsDiff: shapes 2×3 and 1×1 differ' });
  });
  test('filled rejects non-integer shape', () => {
    assert.throws(() => filled(1.5, 2), { message: 'filled: shape 1.5×2 must be positive integers' });
  });
});
