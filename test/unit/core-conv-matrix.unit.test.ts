// Cross-correlation as a sparse matrix W: d2l §14.10.3's kernel2matrix values, W·vec(X) = corr2d on random padded,
// strided, dilated cases, Wᵀ·vec(Y) = the transposed convolution with `adjointTransposedOptions`, and numpy's dense
// product as an outside check.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convMatrix,
  convMatrixApply,
  convMatrixApplyTransposed,
  convMatrixRow,
  denseConvMatrix,
} from '../../src/core/conv-matrix';
import { convGeometry, type Padding, type Pair } from '../../src/core/geometry';
import { corr2dReference } from '../../src/core/reference';
import { convTranspose2dReference } from '../../src/core/transposed';
import { adjointTransposedOptions, transposedGeometry } from '../../src/core/transposed-geometry';
import { flatten, fromFlat } from '../../src/core/matrix';
import { mulberry32, randomMatrix } from '../../src/core/random';
import { assertClose, assertMatrixClose } from './helpers/assert';
import { python } from './helpers/python';

const X9 = () => [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
];

describe('convMatrix: d2l §14.10.3 (X 3×3, K 2×2)', () => {
  const K = [
    [1, 2],
    [3, 4],
  ];
  const W = convMatrix(convGeometry({ inH: 3, inW: 3, kH: 2, kW: 2 }), K);
  test('W is 4×9; row 0 holds K at columns 0, 1, 3, 4', () => {
    assert.deepEqual([W.rows, W.cols], [4, 9]);
    assert.deepEqual(convMatrixRow(W, 0), [
      [0, 1],
      [1, 2],
      [3, 3],
      [4, 4],
    ]);
  });
  test('dense W = kernel2matrix(K) of d2l', () => {
    assert.deepEqual(denseConvMatrix(W), [
      [1, 2, 0, 3, 4, 0, 0, 0, 0],
      [0, 1, 2, 0, 3, 4, 0, 0, 0],
      [0, 0, 0, 1, 2, 0, 3, 4, 0],
      [0, 0, 0, 0, 1, 2, 0, 3, 4],
    ]);
  });
  test('W·vec(X) = vec(corr2d(X, K)); Wᵀ·vec(Y) = trans_conv(Y, K) (d2l)', () => {
    assert.deepEqual(fromFlat(convMatrixApply(W, flatten(X9())), 2, 2), corr2dReference(X9(), K));
    const Y = corr2dReference(X9(), K);
    assert.deepEqual(fromFlat(convMatrixApplyTransposed(W, flatten(Y)), 3, 3), convTranspose2dReference(Y, K));
  });
  test('Fig. 7.2.1 K=[[0,1],[2,3]]: zero entries are kept (row 0 has 4 entries, the first 0 at column 0)', () => {
    const W0 = convMatrix(convGeometry({ inH: 3, inW: 3, kH: 2, kW: 2 }), [
      [0, 1],
      [2, 3],
    ]);
    assert.deepEqual(convMatrixRow(W0, 0)[0], [0, 0]);
    assert.equal(W0.entries.length, 16);
  });
});

interface MatrixCase {
  title: string;
  inH: number;
  inW: number;
  kH: number;
  kW: number;
  padding: Padding;
  stride: Pair;
  dilation: Pair;
}

function randomCases(seed: number, n: number): MatrixCase[] {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const paddings: Padding[] = [
    'valid',
    'same',
    1,
    2,
    [
      [0, 2],
      [1, 0],
    ],
  ];
  return Array.from({ length: n }, () => {
    const [kH, kW] = [int(1, 3), int(1, 3)];
    const stride: Pair = [int(1, 3), int(1, 3)];
    const dilation: Pair = [int(1, 2), int(1, 2)];
    const inH = dilation[0] * (kH - 1) + 1 + int(0, 5);
    const inW = dilation[1] * (kW - 1) + 1 + int(0, 5);
    const padding = paddings[int(0, paddings.length - 1)];
    const p = typeof padding === 'object' ? JSON.stringify(padding) : String(padding);
    return {
      title: `x=[${inH},${inW}] k=[${kH},${kW}] s=${stride} d=${dilation} p=${p}`,
      inH,
      inW,
      kH,
      kW,
      padding,
      stride,
      dilation,
    };
  });
}

describe('W·vec(X) = corr2d and Wᵀ·vec(Y) = transposed convolution (random cases, 1e-12)', () => {
  for (const [n, c] of randomCases(71, 20).entries()) {
    test(c.title, () => {
      const rand = mulberry32(1000 + n);
      const g = convGeometry(c);
      const X = randomMatrix(rand, c.inH, c.inW);
      const K = randomMatrix(rand, c.kH, c.kW);
      const W = convMatrix(g, K);
      assert.deepEqual([W.rows, W.cols], [g.outH * g.outW, c.inH * c.inW]);
      const opts = { padding: c.padding, stride: c.stride, dilation: c.dilation };
      assertMatrixClose(
        fromFlat(convMatrixApply(W, flatten(X)), g.outH, g.outW),
        corr2dReference(X, K, opts),
        1e-12,
        'W·x',
      );
      // The adjoint: same stride, dilation and per-side padding; output padding (n + pads − effK) mod s restores n.
      const Y = randomMatrix(rand, g.outH, g.outW);
      const t = adjointTransposedOptions(g);
      const tg = transposedGeometry({ inH: g.outH, inW: g.outW, kH: c.kH, kW: c.kW, ...t });
      assert.deepEqual([tg.outH, tg.outW], [c.inH, c.inW], 'transposed output has the input shape');
      assertMatrixClose(
        fromFlat(convMatrixApplyTransposed(W, flatten(Y)), c.inH, c.inW),
        convTranspose2dReference(Y, K, t),
        1e-12,
        'Wᵀ·y',
      );
      // ⟨W·x, y⟩ = ⟨x, Wᵀ·y⟩ with the two references alone.
      const lhs = corr2dReference(X, K, opts)
        .flat()
        .reduce((s, v, k) => s + v * Y.flat()[k], 0);
      const rhs = convTranspose2dReference(Y, K, t)
        .flat()
        .reduce((s, v, k) => s + v * X.flat()[k], 0);
      assertClose(lhs, rhs, 1e-12, '⟨Wx, y⟩ = ⟨x, Wᵀy⟩');
    });
  }
});

describe('convMatrix: numpy dense product and errors', () => {
  test('x=[5,6] k=[3,2] s=2 d=[1,2] p=same: numpy W @ vec(X) equals corr2dReference (1e-12)', () => {
    const rand = mulberry32(81);
    const X = randomMatrix(rand, 5, 6);
    const K = randomMatrix(rand, 3, 2);
    const opts = { stride: 2, dilation: [1, 2] as Pair, padding: 'same' as const };
    const g = convGeometry({ inH: 5, inW: 6, kH: 3, kW: 2, ...opts });
    const y: number[] = JSON.parse(
      python(
        `import numpy as np, json\nW = np.array(${JSON.stringify(denseConvMatrix(convMatrix(g, K)))})\n` +
          `x = np.array(${JSON.stringify(X)}).reshape(-1)\nprint(json.dumps((W @ x).tolist()))`,
      ),
    );
    assertMatrixClose(fromFlat(y, g.outH, g.outW), corr2dReference(X, K, opts), 1e-12, 'numpy W @ x');
  });
  test('errors: kernel shape, row, vector lengths, dense size', () => {
    const g = convGeometry({ inH: 3, inW: 3, kH: 2, kW: 2 });
    assert.throws(() => convMatrix(g, randomMatrix(mulberry32(1), 3, 3)), {
      message: "convMatrix: K is 3×3, the geometry's kernel is 2×2",
    });
    const W = convMatrix(g, randomMatrix(mulberry32(2), 2, 2));
    assert.throws(() => convMatrixRow(W, 4), { message: 'convMatrixRow: row 4 is outside 0…3' });
    assert.throws(() => convMatrixApply(W, [1, 2]), { message: 'convMatrix: x has 2 values, W has 9 columns' });
    assert.throws(() => convMatrixApplyTransposed(W, [1]), { message: 'convMatrix: y has 1 values, W has 4 rows' });
    assert.throws(() => denseConvMatrix(W, 30), {
      message: 'convMatrix: W is 4×9, more than 30 cells for a dense form',
    });
  });
});
