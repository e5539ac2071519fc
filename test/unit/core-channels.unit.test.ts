// Multi-channel cross-correlation (d2l §7.4): the book's values (exact), a 1×1 convolution as a matrix multiply,
// depthwise, validation messages, the Step panel's channel arithmetic, and real numpy/scipy on random cases.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convolve2dMultiReference,
  corr2dMultiReference,
  corr2dMultiTerms,
  formatChannelArithmetic,
  formatChannelSum,
  multiGeometry,
  subscript,
} from '../../src/core/channels';
import { convolve2dReference, corr2dReference } from '../../src/core/reference';
import { validateFilters, validateVolume, type Filters, type Volume } from '../../src/core/volume';
import { mulberry32, randomFilters, randomVolume } from '../../src/core/random';
import { assertMatrixClose } from './helpers/assert';
import { python } from './helpers/python';
import { NUMPY_CORR_MULTI, randomMultiCases } from './helpers/conv-cases';

/** d2l §7.4.1 input: two channels, 0..8 and 1..9. */
const d2lX = (): Volume => [
  [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ],
  [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
];
/** d2l §7.4.1 kernel, one output channel: `[1, 2, 2, 2]`. */
const d2lK = (): Filters => [
  [
    [
      [0, 1],
      [2, 3],
    ],
    [
      [1, 2],
      [3, 4],
    ],
  ],
];
const plus = (K: Filters, v: number): Filters => K.map((V) => V.map((M) => M.map((row) => row.map((x) => x + v))));

describe('corr2dMultiReference: d2l §7.4 values', () => {
  test('x=[2,3,3] k=[1,2,2,2] s=1 p=valid → [[56, 72], [104, 120]]', () => {
    assert.deepEqual(corr2dMultiReference(d2lX(), d2lK()), [
      [
        [56, 72],
        [104, 120],
      ],
    ]);
  });
  test('x=[2,3,3] k=[3,2,2,2] (K, K+1, K+2 stacked) s=1 p=valid → three output channels', () => {
    const K = [d2lK()[0], plus(d2lK(), 1)[0], plus(d2lK(), 2)[0]];
    assert.deepEqual(corr2dMultiReference(d2lX(), K), [
      [
        [56, 72],
        [104, 120],
      ],
      [
        [76, 100],
        [148, 172],
      ],
      [
        [96, 128],
        [192, 224],
      ],
    ]);
  });
  test('depthwise x=[2,3,3] k=[2,1,2,2] groups=2: K₀=[[1,0],[0,1]] → [[4,6],[10,12]], K₁=[[0,1],[1,0]] → [[6,8],[12,14]]', () => {
    const K: Filters = [
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
      [
        [
          [0, 1],
          [1, 0],
        ],
      ],
    ];
    assert.deepEqual(corr2dMultiReference(d2lX(), K, { groups: 2 }), [
      [
        [4, 6],
        [10, 12],
      ],
      [
        [6, 8],
        [12, 14],
      ],
    ]);
  });
  test('bias [1, -2] on x=[2,3,3] k=[2,2,2,2] adds per output channel', () => {
    const K = [d2lK()[0], plus(d2lK(), 1)[0]];
    const Y = corr2dMultiReference(d2lX(), K, { bias: [1, -2] });
    assert.deepEqual(Y[0], [
      [57, 73],
      [105, 121],
    ]);
    assert.deepEqual(Y[1], [
      [74, 98],
      [146, 170],
    ]);
  });
  test('one channel x=[1,3,3] k=[1,1,2,2] equals corr2dReference and convolve2dReference (padding 1, stride 2)', () => {
    const X = [d2lX()[0]];
    const K = [[d2lK()[0][0]]];
    const opts = { padding: 1, stride: 2 } as const;
    assert.deepEqual(corr2dMultiReference(X, K, opts), [corr2dReference(X[0], K[0][0], opts)]);
    assert.deepEqual(convolve2dMultiReference(X, K, opts), [convolve2dReference(X[0], K[0][0], opts)]);
  });
});

describe('1×1 convolution = matrix multiply over channels (d2l §7.4.3)', () => {
  for (const [cIn, cOut, h, w, seed] of [
    [3, 2, 3, 3, 1],
    [4, 5, 2, 7, 2],
    [1, 3, 4, 1, 3],
  ]) {
    test(`x=[${cIn},${h},${w}] k=[${cOut},${cIn},1,1]: Y[o] = Σ_c K[o][c]·X[c] within 1e-6`, () => {
      const rand = mulberry32(seed);
      const X = randomVolume(rand, cIn, h, w);
      const K = randomFilters(rand, cOut, cIn, 1, 1);
      // As d2l's corr2d_multi_in_out_1x1: X reshaped to [c_in, h·w], W = K as [c_out, c_in], Y = W·X.
      const Xf = X.map((M) => M.flat());
      const Yf = K.map((V) => Xf[0].map((_, p) => V.reduce((s, M, c) => s + M[0][0] * Xf[c][p], 0)));
      const Y = corr2dMultiReference(X, K);
      Y.forEach((M, o) => assertMatrixClose(M, chunk(Yf[o], w), 1e-6, `Y[${o}]`));
    });
  }
});

function chunk(v: number[], w: number): number[][] {
  return Array.from({ length: v.length / w }, (_, r) => v.slice(r * w, (r + 1) * w));
}

describe('multiGeometry and validation: messages name the dimension', () => {
  const K1 = (cOut: number, per: number, k = 2) =>
    Array.from({ length: cOut }, () => Array.from({ length: per }, () => Array.from({ length: k }, () => [1, 1])));
  test('K has 3 input channels per group, X has 2 channels (groups 1)', () => {
    assert.throws(() => corr2dMultiReference(d2lX(), K1(1, 3)), {
      message: 'corr2dMulti: K has 3 input channels per group, X has 2 channels (groups 1)',
    });
  });
  test('x=[4,3,3] groups 2 with K of 1 input channel per group → message gives 2 per group', () => {
    const X = randomVolume(mulberry32(4), 4, 3, 3);
    assert.throws(() => corr2dMultiReference(X, K1(2, 1), { groups: 2 }), {
      message: 'corr2dMulti: K has 1 input channels per group, X has 4 channels (groups 2 → 2 per group)',
    });
  });
  test('groups 3 does not divide c_in 4; groups 2 does not divide c_out 3; groups 0', () => {
    const X = randomVolume(mulberry32(5), 4, 3, 3);
    assert.throws(() => multiGeometry('corr2dMulti', X, K1(3, 1), { groups: 3 }), {
      message: 'corr2dMulti: groups 3 does not divide c_in 4',
    });
    assert.throws(() => multiGeometry('corr2dMulti', X, K1(3, 2), { groups: 2 }), {
      message: 'corr2dMulti: groups 2 does not divide c_out 3',
    });
    assert.throws(() => multiGeometry('corr2dMulti', X, K1(3, 2), { groups: 0 }), {
      message: 'corr2dMulti: groups 0 is not a positive integer',
    });
  });
  test('geometry record: x=[4,5,6] k=[6,2,3,3] groups=2 padding same stride 2', () => {
    const X = randomVolume(mulberry32(6), 4, 5, 6);
    const m = multiGeometry('corr2dMulti', X, randomFilters(mulberry32(7), 6, 2, 3, 3), {
      groups: 2,
      padding: 'same',
      stride: 2,
    });
    assert.deepEqual(
      [m.cIn, m.cOut, m.groups, m.cInPerGroup, m.cOutPerGroup, m.geom.outH, m.geom.outW],
      [4, 6, 2, 2, 3, 3, 3],
    );
    assert.deepEqual([m.geom.padTop, m.geom.padBottom, m.geom.padLeft, m.geom.padRight], [1, 1, 0, 1]);
  });
  test('kernel larger than input names the op and sizes', () => {
    assert.throws(() => corr2dMultiReference(d2lX(), K1(1, 2, 4)), {
      message: 'corr2dMulti: kernel 4×2 is larger than input 3×3',
    });
  });
  test('X: no channels, ragged row, channels of unequal size, NaN cell, not an array', () => {
    assert.throws(() => validateVolume('corr2dMulti', 'X', []), { message: 'corr2dMulti: X has no channels' });
    const ragged = d2lX();
    ragged[1][2] = [1, 2];
    assert.throws(() => validateVolume('corr2dMulti', 'X', ragged), {
      message: 'corr2dMulti: X channel 1 row 2 has 2 elements, row 0 has 3',
    });
    assert.throws(() => validateVolume('corr2dMulti', 'X', [d2lX()[0], [[1, 2, 3]]]), {
      message: 'corr2dMulti: X channel 1 is 1×3, channel 0 is 3×3',
    });
    const nan = d2lX();
    nan[1][2][0] = NaN;
    assert.throws(() => validateVolume('corr2dMulti', 'X', nan), { message: 'corr2dMulti: X[1][2][0] is NaN' });
    assert.throws(() => validateVolume('corr2dMulti', 'X', 3), {
      message: 'corr2dMulti: X is not an array of channels, got number',
    });
    assert.throws(() => validateVolume('corr2dMulti', 'X', [d2lX()[0], 'a']), {
      message: 'corr2dMulti: X channel 1 is not a matrix (an array of rows), got string "a"',
    });
  });
  test('K: unequal input channel counts, kernels of unequal size, Infinity, empty output channel', () => {
    assert.throws(() => validateFilters('corr2dMulti', 'K', [d2lK()[0], [d2lK()[0][0]]]), {
      message: 'corr2dMulti: K output channel 1 has 1 input channels, output channel 0 has 2',
    });
    assert.throws(() => validateFilters('corr2dMulti', 'K', [[d2lK()[0][0], [[1, 2, 3]]]]), {
      message: 'corr2dMulti: K output channel 0 input channel 1 is 1×3, K[0][0] is 2×2',
    });
    const inf = plus(d2lK(), 0);
    inf[0][1][1][0] = Infinity;
    assert.throws(() => validateFilters('corr2dMulti', 'K', inf), {
      message: 'corr2dMulti: K[0][1][1][0] is Infinity',
    });
    assert.throws(() => validateFilters('corr2dMulti', 'K', [[]]), {
      message: 'corr2dMulti: K output channel 0 has no input channels',
    });
  });
  test('bias: wrong length and NaN', () => {
    assert.throws(() => corr2dMultiReference(d2lX(), d2lK(), { bias: [1, 2] }), {
      message: 'corr2dMulti: bias has 2 values, K has 1 output channels',
    });
    assert.throws(() => corr2dMultiReference(d2lX(), d2lK(), { bias: [NaN] }), {
      message: 'corr2dMulti: bias[0] is NaN',
    });
  });
});

describe('corr2dMultiTerms: the Step panel arithmetic', () => {
  test('x=[2,3,3] k=[1,2,2,2] o=0 cell (0,0) → "channel 0: 19 + channel 1: 37 = 56"', () => {
    const t = corr2dMultiTerms(d2lX(), d2lK(), 0, 0, 0);
    assert.deepEqual(
      t.channels.map((c) => [c.channel, c.sum]),
      [
        [0, 19],
        [1, 37],
      ],
    );
    assert.equal(t.total, 56);
    assert.equal(formatChannelSum(t), 'channel 0: 19 + channel 1: 37 = 56');
    assert.deepEqual(formatChannelArithmetic(t), [
      'channel 0: 0×0 + 1×1 + 3×2 + 4×3 = 19',
      'channel 1: 1×1 + 2×2 + 4×3 + 5×4 = 37',
    ]);
  });
  test('with bias [1, 0.5] o=1 cell (1,1) → "channel 0: 67 + channel 1: 105 + b₁ = 172 + 0.5 = 172.5"', () => {
    const K = [d2lK()[0], plus(d2lK(), 1)[0]];
    const t = corr2dMultiTerms(d2lX(), K, 1, 1, 1, { bias: [1, 0.5] });
    assert.equal(formatChannelSum(t), 'channel 0: 67 + channel 1: 105 + b₁ = 172 + 0.5 = 172.5');
    assert.equal(t.value, corr2dMultiReference(d2lX(), K, { bias: [1, 0.5] })[1][1][1]);
  });
  test('groups 2: output channel 3 reads X channels 2 and 3 only (x=[4,3,3] k=[4,2,2,2])', () => {
    const X = randomVolume(mulberry32(8), 4, 3, 3);
    const K = randomFilters(mulberry32(9), 4, 2, 2, 2);
    const t = corr2dMultiTerms(X, K, 3, 1, 0, { groups: 2 });
    assert.deepEqual(
      t.channels.map((c) => c.channel),
      [2, 3],
    );
    assert.ok(Math.abs(t.value - corr2dMultiReference(X, K, { groups: 2 })[3][1][0]) < 1e-12);
  });
  test('every cell of a random padded, strided, grouped case sums to the reference (1e-12)', () => {
    const [c] = randomMultiCases(10, 1);
    const opts = { padding: 1, stride: [2, 1] as [number, number], groups: c.groups, bias: c.bias };
    const Y = corr2dMultiReference(c.X, c.K, opts);
    Y.forEach((M, o) =>
      M.forEach((row, i) =>
        row.forEach((v, j) => assert.ok(Math.abs(corr2dMultiTerms(c.X, c.K, o, i, j, opts).value - v) < 1e-12)),
      ),
    );
  });
  test('output channel outside → error; subscript(12) = "₁₂"', () => {
    assert.throws(() => corr2dMultiTerms(d2lX(), d2lK(), 1, 0, 0), {
      message: 'corr2dMulti: output channel 1 is outside 0…0',
    });
    assert.equal(subscript(12), '₁₂');
  });
});

describe('corr2dMultiReference vs numpy/scipy (random cases, 1e-9)', () => {
  const cases = randomMultiCases(2024, 24);
  let numpy: number[][][][] = [];
  before(() => {
    const payload = JSON.stringify(
      cases.map((c) => ({ ...c, bias: c.bias ?? null, stride: c.stride, dilation: c.dilation })),
    );
    numpy = JSON.parse(
      python(
        `${NUMPY_CORR_MULTI}\ncases = json.loads(${JSON.stringify(payload)})\n` +
          `print(json.dumps([corr_multi(c['X'], c['K'], c['bias'], c['padding'], c['stride'], c['dilation'], c['groups']).tolist() for c in cases]))`,
      ),
    );
  });
  for (const [n, c] of cases.entries()) {
    test(c.title, () => {
      const opts = { padding: c.padding, stride: c.stride, dilation: c.dilation, groups: c.groups, bias: c.bias };
      const Y = corr2dMultiReference(c.X, c.K, opts);
      assert.equal(Y.length, numpy[n].length, 'c_out');
      Y.forEach((M, o) => assertMatrixClose(M, numpy[n][o], 1e-9, `Y[${o}]`));
    });
  }
});
