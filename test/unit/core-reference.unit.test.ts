// The plain-loop float64 reference against the book's values (exact: small integers are exact in float64).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convolve2dReference,
  corr2dReference,
  corr2dTerms,
  formatArithmetic,
  formatNumber,
} from '../../src/core/reference';
import { edgeImage, edgeKernel, edgeTarget, fig51K, fig51X } from '../../src/core/fixtures';
import { filled, transpose } from '../../src/core/matrix';

describe('corr2dReference', () => {
  test('Fig. 5.1 X=[3,3] K=[2,2] valid → [[19, 25], [37, 43]]', () => {
    assert.deepEqual(corr2dReference(fig51X(), fig51K()), [
      [19, 25],
      [37, 43],
    ]);
  });
  test('edge image X=[6,8] K=[1,2] [[1,-1]] valid → [6,7], rows [0,1,0,0,0,-1,0]', () => {
    const Y = corr2dReference(edgeImage(), edgeKernel());
    assert.equal(Y.length, 6);
    for (const row of Y) assert.deepEqual(row, [0, 1, 0, 0, 0, -1, 0]);
    assert.deepEqual(edgeTarget(), Y);
  });
  test('transposed edge image X=[8,6] K=[1,2] → [8,5] all zeros (vertical kernel misses horizontal edges)', () => {
    assert.deepEqual(corr2dReference(transpose(edgeImage()), edgeKernel()), filled(8, 5, 0));
  });
  test('X=[3,3] K=[2,2] [[1,1],[2,2]]: cross-correlation [[21,27],[35,41]], convolution [[15,21],[31,37]]', () => {
    const X = [
      [1, 2, 3],
      [4, 5, 6],
      [6, 7, 8],
    ];
    const K = [
      [1, 1],
      [2, 2],
    ];
    assert.deepEqual(corr2dReference(X, K), [
      [21, 27],
      [35, 41],
    ]);
    assert.deepEqual(convolve2dReference(X, K), [
      [15, 21],
      [31, 37],
    ]);
  });
  test('Fig. 5.1 X=[3,3] K=[2,2] padding 1 stride 2 → [2,2] hand-computed', () => {
    // Padded X is 5×5; windows start at rows/cols 0 and 2 of the padded grid.
    // (0,0): only X[0][0]·K[1][1] = 0; (0,1): X[0][1]·K[1][0] + X[0][2]·K[1][1] = 1·2 + 2·3 = 8;
    // (1,0): X[1][0]·K[0][1] + X[2][0]·K[1][1] = 3 + 18 = 21; (1,1): 4·0 + 5·1 + 7·2 + 8·3 = 43.
    assert.deepEqual(corr2dReference(fig51X(), fig51K(), { padding: 1, stride: 2 }), [
      [0, 8],
      [21, 43],
    ]);
  });
  test('X=[3,3] K=[2,2] dilation 2 valid → [1,1] = corners', () => {
    // Effective kernel 3×3 with taps at the corners: 0·0 + 2·1 + 6·2 + 8·3 = 38.
    assert.deepEqual(corr2dReference(fig51X(), fig51K(), { dilation: 2 }), [[38]]);
  });
  test('errors name the op: kernel too large, empty, ragged, NaN', () => {
    assert.throws(() => corr2dReference(filled(2, 5), filled(3, 3)), {
      message: 'corr2d: kernel 3×3 is larger than input 2×5',
    });
    assert.throws(() => corr2dReference([], fig51K()), { message: 'corr2d: X is empty' });
    assert.throws(
      () =>
        corr2dReference(fig51X(), [
          [1, 2],
          [1, 2, 3],
        ]),
      { message: 'corr2d: K row 1 has 3 elements, row 0 has 2' },
    );
    const X = filled(3, 4, 1);
    X[2][3] = NaN;
    assert.throws(() => corr2dReference(X, fig51K()), { message: 'corr2d: X[2][3] is NaN' });
    assert.throws(() => convolve2dReference(filled(2, 2), filled(3, 1)), {
      message: 'convolve2d: kernel 3×1 is larger than input 2×2',
    });
  });
});

describe('arithmetic text', () => {
  test('Fig. 5.1 cell (0,0) → "0×0 + 1×1 + 3×2 + 4×3 = 19"', () => {
    assert.equal(formatArithmetic(corr2dTerms(fig51X(), fig51K(), 0, 0)), '0×0 + 1×1 + 3×2 + 4×3 = 19');
  });
  test('Fig. 5.1 cell (1,1) with bias 1 → "... + 1 = 44"', () => {
    assert.equal(formatArithmetic(corr2dTerms(fig51X(), fig51K(), 1, 1), 1), '4×0 + 5×1 + 7×2 + 8×3 + 1 = 44');
  });
  test('every cell of a padded, strided run sums to the reference value', () => {
    const opts = { padding: 1, stride: 2 } as const;
    const Y = corr2dReference(fig51X(), fig51K(), opts);
    Y.forEach((row, i) =>
      row.forEach((v, j) => {
        const terms = corr2dTerms(fig51X(), fig51K(), i, j, opts);
        assert.equal(
          terms.reduce((s, t) => s + t.x * t.k, 0),
          v,
          `cell (${i}, ${j})`,
        );
      }),
    );
    assert.equal(formatArithmetic(corr2dTerms(fig51X(), fig51K(), 0, 0, opts)), '0×3 = 0');
  });
  test('negative factors parenthesised, edge kernel cell (0,1) → "1×1 + 0×(-1) = 1"', () => {
    assert.equal(formatArithmetic(corr2dTerms(edgeImage(), edgeKernel(), 0, 1)), '1×1 + 0×(-1) = 1');
    assert.equal(formatArithmetic([]), '0 = 0');
  });
  test('formatNumber keeps 6 significant digits', () => {
    assert.equal(formatNumber(0.1 + 0.2), '0.3');
    assert.equal(formatNumber(-0), '0');
    assert.equal(formatNumber(-2.5, true), '(-2.5)');
    assert.equal(formatNumber(123456789), '123457000');
  });
});
