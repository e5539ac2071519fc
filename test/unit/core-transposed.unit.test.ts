// Transposed convolution (d2l §14.10): the book's values, the output-size formula and its errors, the scatter's
// contributions and overlap counts (the checkerboard of Odena et al., Distill 2016), numpy on random multi-channel
// cases, and tfjs (cpu, float32) against the float64 scatter.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convTranspose2dMultiReference,
  convTranspose2dReference,
  overlapCounts,
  transposedContributions,
  transposedCorrGeometry,
} from '../../src/core/transposed';
import { transposedGeometry } from '../../src/core/transposed-geometry';
import { multiGeometry } from '../../src/core/channels';
import { convTranspose2d, convTranspose2dMulti, convTranspose2dTensor } from '../../src/core/tfjs/transposed';
import { mulberry32, randomFilters, randomMatrix, randomVolume } from '../../src/core/random';
import { hwcToVolume, torchWeightToTf, volumeToHwc } from '../../src/core/layout';
import { filtersShape, flattenFilters } from '../../src/core/volume';
import { memory, tensor1d, tensor3d, tensor4d } from '@tensorflow/tfjs-core';
import { assertMatrixClose } from './helpers/assert';
import { python } from './helpers/python';
import { useCpuBackend } from './helpers/tf';
import { NUMPY_CONV_T_MULTI, randomTransposedCases } from './helpers/conv-cases';

before(useCpuBackend);

const X2 = () => [
  [0, 1],
  [2, 3],
];

describe('convTranspose2dReference: d2l §14.10 values', () => {
  test('x=[2,2] k=[2,2] s=1 p=0 → [[0,0,1],[0,4,6],[4,12,9]]', () => {
    assert.deepEqual(convTranspose2dReference(X2(), X2()), [
      [0, 0, 1],
      [0, 4, 6],
      [4, 12, 9],
    ]);
  });
  test('x=[2,2] k=[2,2] s=1 p=1 → [[4]] (padding crops the output)', () => {
    assert.deepEqual(convTranspose2dReference(X2(), X2(), { padding: 1 }), [[4]]);
  });
  test('x=[2,2] k=[2,2] s=2 p=0 → [[0,0,0,1],[0,0,2,3],[0,2,0,3],[4,6,6,9]]', () => {
    assert.deepEqual(convTranspose2dReference(X2(), X2(), { stride: 2 }), [
      [0, 0, 0, 1],
      [0, 0, 2, 3],
      [0, 2, 0, 3],
      [4, 6, 6, 9],
    ]);
  });
  test('d2l §14.10.2 shapes: x=[10,16,16] conv k=5 p=2 s=3 → [20,6,6]; transposed back (k=5 p=2 s=3) → [10,16,16]', () => {
    const X = randomVolume(mulberry32(1), 10, 16, 16);
    const conv = multiGeometry('conv', X, randomFilters(mulberry32(2), 20, 10, 5, 5), { padding: 2, stride: 3 });
    assert.deepEqual([conv.cOut, conv.geom.outH, conv.geom.outW], [20, 6, 6]);
    const back = convTranspose2dMultiReference(
      randomVolume(mulberry32(3), 20, 6, 6),
      randomFilters(mulberry32(4), 20, 10, 5, 5),
      {
        padding: 2,
        stride: 3,
      },
    );
    assert.deepEqual([back.length, back[0].length, back[0][0].length], [10, 16, 16]);
  });
});

describe('transposedGeometry: (n − 1)·s − 2p + d·(k − 1) + output_padding + 1', () => {
  for (const [n, k, s, p, d, op, out] of [
    [2, 2, 1, 0, 1, 0, 3],
    [2, 2, 2, 0, 1, 0, 4],
    [2, 2, 1, 1, 1, 0, 1],
    [5, 3, 2, 1, 1, 1, 10],
    [4, 3, 1, 0, 2, 1, 9],
    [3, 4, 3, 2, 2, 2, 11],
  ]) {
    test(`n=${n} k=${k} s=${s} p=${p} d=${d} output_padding=${op} → ${out}`, () => {
      const g = transposedGeometry({
        inH: n,
        inW: n,
        kH: k,
        kW: k,
        stride: s,
        padding: p,
        dilation: d,
        outputPadding: op,
      });
      assert.deepEqual([g.outH, g.outW], [out, out]);
      assert.equal(out, (n - 1) * s - 2 * p + d * (k - 1) + op + 1);
    });
  }
  test("'same' (TensorFlow conv2d_transpose): output n·s for k 1–5, s 1–3, d 1–2; odd crop after", () => {
    for (let k = 1; k <= 5; k++)
      for (let s = 1; s <= 3; s++)
        for (let d = 1; d <= 2; d++) {
          const g = transposedGeometry({ inH: 4, inW: 3, kH: k, kW: k, stride: s, dilation: d, padding: 'same' });
          assert.deepEqual([g.outH, g.outW], [4 * s, 3 * s], `k=${k} s=${s} d=${d}`);
          assert.ok(g.padBottom - g.padTop === 0 || g.padBottom - g.padTop === 1, 'odd crop at the bottom');
        }
    const g = transposedGeometry({ inH: 2, inW: 2, kH: 4, kW: 4, stride: 1, padding: 'same' });
    assert.deepEqual([g.padTop, g.padBottom], [1, 2]);
  });
  test('output padding 2 must be smaller than stride 2 or dilation 1 (PyTorch rule); per-axis names', () => {
    assert.throws(
      () => transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, stride: 2, outputPadding: 2 }, 'convTranspose2d'),
      {
        message: 'convTranspose2d: output padding 2 must be smaller than stride 2 or dilation 1',
      },
    );
    assert.throws(
      () => transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, stride: [1, 3], dilation: 2, outputPadding: [1, 3] }),
      { message: 'transposedGeometry: output padding width 3 must be smaller than stride width 3 or dilation width 2' },
    );
    // Allowed by dilation alone: output padding 1 < dilation 2 with stride 1.
    assert.equal(transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, dilation: 2, outputPadding: 1 }).outH, 5);
  });
  test('padding that leaves no output, negative output padding, output padding with same', () => {
    assert.throws(() => transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, padding: 2 }, 'convTranspose2d'), {
      message:
        'convTranspose2d: padding 2 + 2 leaves output height -1 ((n − 1)·s + d·(k − 1) + 1 = 3, output padding 0)',
    });
    assert.throws(() => transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, outputPadding: -1 }), {
      message: 'transposedGeometry: output padding -1 is not a non-negative integer',
    });
    assert.throws(
      () => transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, stride: 2, padding: 'same', outputPadding: 1 }),
      {
        message: "transposedGeometry: output padding 1, 1 cannot be combined with padding 'same' (output n·stride)",
      },
    );
    assert.throws(() => transposedGeometry({ inH: 0, inW: 2, kH: 2, kW: 2 }), {
      message: 'transposedGeometry: input height 0 is not a positive integer',
    });
  });
});

describe('transposedContributions and overlapCounts', () => {
  test('d2l x=[2,2] k=[2,2]: cell (1,1) (x=3) writes 0, 3, 6, 9 at (1,1), (1,2), (2,1), (2,2)', () => {
    const c = transposedContributions(X2(), X2(), {}, 1, 1);
    assert.deepEqual(
      c.map((t) => [t.r, t.c, t.value]),
      [
        [1, 1, 0],
        [1, 2, 3],
        [2, 1, 6],
        [2, 2, 9],
      ],
    );
  });
  test('padding 1 crops: cell (0,0) of d2l x=[2,2] k=[2,2] writes only (0,0) with K[1][1]', () => {
    const c = transposedContributions(X2(), X2(), { padding: 1 }, 0, 0);
    assert.deepEqual(
      c.map((t) => [t.r, t.c, t.kr, t.kc]),
      [[0, 0, 1, 1]],
    );
  });
  test('the contributions of all cells sum to the output (x=[3,4] k=[3,2] s=2 d=[1,2] p=1 output padding 1)', () => {
    const rand = mulberry32(5);
    const X = randomMatrix(rand, 3, 4);
    const K = randomMatrix(rand, 3, 2);
    const opts = { stride: 2, dilation: [1, 2] as [number, number], padding: 1, outputPadding: 1 };
    const Y = convTranspose2dReference(X, K, opts);
    const S = Y.map((row) => row.map(() => 0));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 4; j++) for (const t of transposedContributions(X, K, opts, i, j)) S[t.r][t.c] += t.value;
    assertMatrixClose(S, Y, 1e-12, 'Σ contributions');
    assert.throws(() => transposedContributions(X, K, opts, 3, 0), {
      message: 'convTranspose2d: input cell (3, 0) is outside the 3×4 input',
    });
  });
  test('checkerboard: x=[4,4] k=3 s=2 p=1 → uneven counts 1, 2, 4 alternating (Odena et al. 2016)', () => {
    const counts = overlapCounts(
      transposedCorrGeometry('t', randomMatrix(mulberry32(6), 4, 4), randomMatrix(mulberry32(7), 3, 3), {
        stride: 2,
        padding: 1,
      }),
    );
    const line = [1, 2, 1, 2, 1, 2, 1];
    assert.deepEqual(
      counts,
      line.map((a) => line.map((b) => a * b)),
    );
  });
  test('even overlap: x=[4,4] k=4 s=2 p=2 → 4 everywhere (kernel size divisible by the stride)', () => {
    const counts = overlapCounts(transposedGeometry({ inH: 4, inW: 4, kH: 4, kW: 4, stride: 2, padding: 2 }));
    assert.deepEqual(
      counts,
      Array.from({ length: 6 }, () => new Array(6).fill(4)),
    );
  });
  test('d2l x=[2,2] k=[2,2] s=1: counts [[1,2,1],[2,4,2],[1,2,1]]', () => {
    assert.deepEqual(overlapCounts(transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2 })), [
      [1, 2, 1],
      [2, 4, 2],
      [1, 2, 1],
    ]);
  });
});

describe('convTranspose2dMultiReference: validation', () => {
  test('K has 3 input channels, X has 2; groups 2 does not divide c_in 3; bias length', () => {
    const X = randomVolume(mulberry32(8), 2, 3, 3);
    assert.throws(() => convTranspose2dMultiReference(X, randomFilters(mulberry32(9), 3, 1, 2, 2)), {
      message:
        'convTranspose2dMulti: K has 3 input channels, X has 2 (ConvTranspose2d weight [c_in, c_out/groups, kh, kw])',
    });
    const X3 = randomVolume(mulberry32(10), 3, 3, 3);
    assert.throws(() => convTranspose2dMultiReference(X3, randomFilters(mulberry32(11), 3, 1, 2, 2), { groups: 2 }), {
      message: 'convTranspose2dMulti: groups 2 does not divide c_in 3',
    });
    assert.throws(() => convTranspose2dMultiReference(X, randomFilters(mulberry32(12), 2, 2, 2, 2), { bias: [1] }), {
      message: 'convTranspose2dMulti: bias has 1 values, K has 2 output channels',
    });
  });
  test('one channel equals the 2-D scatter (x=[1,3,3] k=[1,1,3,2] s=2 d=2 p=1 output padding 1)', () => {
    const rand = mulberry32(13);
    const X = randomMatrix(rand, 3, 3);
    const K = randomMatrix(rand, 3, 2);
    const opts = { stride: 2, dilation: 2, padding: 1, outputPadding: 1 };
    assert.deepEqual(convTranspose2dMultiReference([X], [[K]], opts), [convTranspose2dReference(X, K, opts)]);
  });
});

describe('convTranspose2dMultiReference vs numpy slice additions, and tfjs vs the reference (random cases)', () => {
  const cases = randomTransposedCases(314, 24);
  let numpy: number[][][][] = [];
  before(() => {
    const payload = JSON.stringify(cases.map((c) => ({ ...c, bias: c.bias ?? null })));
    numpy = JSON.parse(
      python(
        `${NUMPY_CONV_T_MULTI}\ncases = json.loads(${JSON.stringify(payload)})\n` +
          `print(json.dumps([conv_t_multi(c['X'], c['K'], c['bias'], c['padding'], c['stride'], c['dilation'], c['outputPadding'], c['groups']).tolist() for c in cases]))`,
      ),
    );
  });
  for (const [n, c] of cases.entries()) {
    test(c.title, () => {
      const { X, K, ...opts } = c;
      const Y = convTranspose2dMultiReference(X, K, opts);
      assert.equal(Y.length, numpy[n].length, 'c_out');
      Y.forEach((M, o) => assertMatrixClose(M, numpy[n][o], 1e-9, `numpy Y[${o}]`));
      const T = convTranspose2dMulti(X, K, opts);
      Y.forEach((M, o) => assertMatrixClose(T[o], M, 1e-5, `tfjs Y[${o}]`));
    });
  }
  test('tfjs 2-D: d2l stride 2 exactly; tensor API x=[3,3,4] k=[2,2,3,4] groups=2 leaks nothing', () => {
    assert.deepEqual(convTranspose2d(X2(), X2(), { stride: 2 }), convTranspose2dReference(X2(), X2(), { stride: 2 }));
    const rand = mulberry32(15);
    const X = randomVolume(rand, 4, 3, 3);
    const K = randomFilters(rand, 4, 3, 2, 2);
    const bias = [1, 2, 3, 4, 5, 6];
    const opts = {
      groups: 2,
      stride: 2,
      padding: [
        [1, 0],
        [0, 1],
      ] as [[number, number], [number, number]],
      outputPadding: 1,
    };
    const hwc = volumeToHwc(X);
    const f = torchWeightToTf(flattenFilters(K), filtersShape(K));
    const x = tensor3d(hwc.data, hwc.shape as [number, number, number]);
    const k = tensor4d(f.data, f.shape as [number, number, number, number]);
    const b = tensor1d(bias);
    const n = memory().numTensors;
    const y = convTranspose2dTensor(x, k, { ...opts, bias: b });
    assert.equal(memory().numTensors, n + 1, 'only the result is new');
    const want = convTranspose2dMultiReference(X, K, { ...opts, bias });
    hwcToVolume(y.dataSync(), y.shape).forEach((M, o) => assertMatrixClose(M, want[o], 1e-5, `Y[${o}]`));
    [x, k, b, y].forEach((t) => t.dispose());
    assert.throws(() => convTranspose2dTensor(x, tensor4d([1], [1, 1, 1, 1])), {
      message: 'convTranspose2d: k has 1 input channels, x has 4',
    });
  });
});
