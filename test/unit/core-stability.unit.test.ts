// Eigenvalues of the loss's Hessian (numbers checked with numpy) and the Jacobi solver on known matrices.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lossHessian, stabilityReport, symmetricEigenvalues } from '../../src/core/stability';
import { edgeImage } from '../../src/core/fixtures';
import { assertClose } from './helpers/assert';
import { mulberry32, randomMatrix } from '../../src/core/random';

describe('stabilityReport on the edge image X=[6,8]', () => {
  test('K=[1,2] no bias: eigenvalues 12, 60 → lrMax 1/30; lr 3e-2 stable', () => {
    const s = stabilityReport(edgeImage(), 1, 2, false, 3e-2);
    assert.equal(s.eigenvalues.length, 2);
    assertClose(s.eigenvalues[0], 12, 1e-9, 'λ1');
    assertClose(s.eigenvalues[1], 60, 1e-9, 'λ2');
    assertClose(s.lrMax, 1 / 30, 1e-12, 'lrMax');
    assert.equal(s.stable, true);
  });
  test('K=[1,2] with bias: eigenvalues 12, 19.69, 124.31 → lrMax ≈ 0.01609; lr 3e-2 unstable', () => {
    const s = stabilityReport(edgeImage(), 1, 2, true, 3e-2);
    [12, 19.6932, 124.3068].forEach((v, i) => assertClose(s.eigenvalues[i], v, 1e-4, `λ${i + 1}`));
    assertClose(s.lambdaMax, 124.3068, 1e-4, 'λmax');
    assertClose(s.lrMax, 0.016089, 1e-6, 'lrMax');
    assert.equal(s.stable, false);
  });
  test('Hessian K=[1,2] no bias = 2ΦᵀΦ = [[36, 24], [24, 36]]', () => {
    // 42 windows: 12 of [1,1] (cols 0 and 6), 6 of [1,0], 6 of [0,1], 18 of [0,0] → ΦᵀΦ = [[18, 12], [12, 18]].
    assert.deepEqual(lossHessian(edgeImage(), 1, 2, false), [
      [36, 24],
      [24, 36],
    ]);
  });
  test('all-zero X: λmax 0 → lrMax Infinity, stable', () => {
    const s = stabilityReport([[0, 0, 0]], 1, 2, false, 1);
    assert.equal(s.lrMax, Infinity);
    assert.equal(s.stable, true);
  });
  test('bad lr → error', () => {
    assert.throws(() => stabilityReport(edgeImage(), 1, 2, false, 0), {
      message: 'stability: learning rate 0 is not a positive number',
    });
  });
});

describe('symmetricEigenvalues (Jacobi)', () => {
  test('[[2,1],[1,2]] → 1, 3', () => {
    const e = symmetricEigenvalues([
      [2, 1],
      [1, 2],
    ]);
    assertClose(e[0], 1, 1e-12, 'λ1');
    assertClose(e[1], 3, 1e-12, 'λ2');
  });
  test('random SPD A=[10,10]: trace and Frobenius norm preserved, Av = λv residual via characteristic check', () => {
    const B = randomMatrix(mulberry32(11), 10, 10);
    const A = B.map((_, i) => B.map((_, j) => B[i].reduce((s, v, k) => s + v * B[j][k], 0))); // B·Bᵀ
    const e = symmetricEigenvalues(A);
    const trace = A.reduce((s, row, i) => s + row[i], 0);
    const frob2 = A.flat().reduce((s, v) => s + v * v, 0);
    assertClose(
      e.reduce((s, v) => s + v, 0),
      trace,
      1e-9,
      'Σλ = trace',
    );
    assertClose(
      e.reduce((s, v) => s + v * v, 0),
      frob2,
      1e-8,
      'Σλ² = ‖A‖F²',
    );
    assert.ok(
      e.every((v, i) => i === 0 || v >= e[i - 1]),
      'ascending',
    );
    // Each λ makes A − λI singular: its determinant (by Gaussian elimination) is ~0 relative to the scale.
    for (const lambda of e)
      assert.ok(Math.abs(det(A.map((row, i) => row.map((v, j) => v - (i === j ? lambda : 0))))) < 1e-6 * frob2 ** 5);
  });
  test('non-symmetric input → error', () => {
    assert.throws(
      () =>
        symmetricEigenvalues([
          [1, 2],
          [3, 1],
        ]),
      { message: 'symmetricEigenvalues: A[0][1] = 2 but A[1][0] = 3' },
    );
  });
});

function det(M: number[][]): number {
  const A = M.map((r) => [...r]);
  let d = 1;
  for (let c = 0; c < A.length; c++) {
    let p = c;
    for (let r = c + 1; r < A.length; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    if (A[p][c] === 0) return 0;
    if (p !== c) [A[p], A[c], d] = [A[c], A[p], -d];
    d *= A[c][c];
    for (let r = c + 1; r < A.length; r++) {
      const f = A[r][c] / A[c][c];
      for (let k = c; k < A.length; k++) A[r][k] -= f * A[c][k];
    }
  }
  return d;
}
