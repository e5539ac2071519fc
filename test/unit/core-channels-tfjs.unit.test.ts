// Multi-channel cross-correlation on tfjs (cpu backend, float32) against the float64 reference and the book's values.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memory, tensor1d, tensor3d, tensor4d } from '@tensorflow/tfjs-core';
import { useCpuBackend } from './helpers/tf';
import { assertMatrixClose } from './helpers/assert';
import { randomMultiCases } from './helpers/conv-cases';
import { convolve2dMulti, convolve2dMultiTensor, corr2dMulti, corr2dMultiTensor } from '../../src/core/tfjs/channels';
import { convolve2dMultiReference, corr2dMultiReference } from '../../src/core/channels';
import { filtersToTf, hwcToVolume, volumeToHwc } from '../../src/core/layout';
import { mulberry32, randomFilters, randomVolume } from '../../src/core/random';
import type { Volume } from '../../src/core/volume';

before(useCpuBackend);

const d2lX: Volume = [
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
const d2lK = [
  [
    [0, 1],
    [2, 3],
  ],
  [
    [1, 2],
    [3, 4],
  ],
];

/** float32 tolerance for values of magnitude ≲ 10: a few ulps of the largest partial sum. */
const F32 = 1e-5;

describe('corr2dMulti on tfjs: d2l §7.4 values', () => {
  test('x=[2,3,3] k=[3,2,2,2] (K, K+1, K+2) → 56…, 76…, 96… exactly', () => {
    const K = [0, 1, 2].map((v) => d2lK.map((M) => M.map((row) => row.map((x) => x + v))));
    assert.deepEqual(corr2dMulti(d2lX, K), [
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
  test('depthwise x=[2,3,3] k=[2,1,2,2] groups=2 → [[4,6],[10,12]] and [[6,8],[12,14]] (tf.depthwiseConv2d)', () => {
    const K = [
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
    assert.deepEqual(corr2dMulti(d2lX, K, { groups: 2 }), [
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
});

describe('corr2dMulti (tfjs) vs corr2dMultiReference (float64), random cases within 1e-5', () => {
  for (const c of randomMultiCases(2024, 24)) {
    test(c.title, () => {
      const opts = { padding: c.padding, stride: c.stride, dilation: c.dilation, groups: c.groups, bias: c.bias };
      const want = corr2dMultiReference(c.X, c.K, opts);
      const got = corr2dMulti(c.X, c.K, opts);
      assert.equal(got.length, want.length, 'c_out');
      got.forEach((M, o) => assertMatrixClose(M, want[o], F32, `Y[${o}]`));
      const gotConv = convolve2dMulti(c.X, c.K, opts);
      convolve2dMultiReference(c.X, c.K, opts).forEach((M, o) => assertMatrixClose(gotConv[o], M, F32, `conv Y[${o}]`));
    });
  }
  test('depthwise with multiplier x=[3,6,6] k=[6,1,3,3] groups=3 stride 2 dilation 2 padding same', () => {
    const rand = mulberry32(31);
    const X = randomVolume(rand, 3, 6, 6);
    const K = randomFilters(rand, 6, 1, 3, 3);
    const opts = { groups: 3, stride: 2, dilation: 2, padding: 'same' as const, bias: [1, 2, 3, 4, 5, 6] };
    const want = corr2dMultiReference(X, K, opts);
    corr2dMulti(X, K, opts).forEach((M, o) => assertMatrixClose(M, want[o], F32, `Y[${o}]`));
  });
});

describe('tensor API (HWC, [kh, kw, in/groups, out])', () => {
  test('x=[4,5,6] k=[6,2,3,3] groups=2 padding 1: corr2dMultiTensor matches the reference, leaks nothing', () => {
    const rand = mulberry32(32);
    const X = randomVolume(rand, 4, 5, 6);
    const K = randomFilters(rand, 6, 2, 3, 3);
    const bias = [0.5, -1, 2, 0, 1, -0.25];
    const hwc = volumeToHwc(X);
    const f = filtersToTf(K);
    const x = tensor3d(hwc.data, hwc.shape as [number, number, number]);
    const k = tensor4d(f.data, f.shape as [number, number, number, number]);
    const b = tensor1d(bias);
    const before = memory().numTensors;
    const y = corr2dMultiTensor(x, k, { groups: 2, padding: 1, bias: b });
    const yc = convolve2dMultiTensor(x, k, { groups: 2, padding: 1 });
    assert.equal(memory().numTensors, before + 2, 'only the two results are new');
    assert.deepEqual(y.shape, [5, 6, 6]);
    const want = corr2dMultiReference(X, K, { groups: 2, padding: 1, bias });
    hwcToVolume(y.dataSync(), y.shape).forEach((M, o) => assertMatrixClose(M, want[o], F32, `Y[${o}]`));
    const wantConv = convolve2dMultiReference(X, K, { groups: 2, padding: 1 });
    hwcToVolume(yc.dataSync(), yc.shape).forEach((M, o) => assertMatrixClose(M, wantConv[o], F32, `conv Y[${o}]`));
    [x, k, b, y, yc].forEach((t) => t.dispose());
  });
  test('errors: wrong rank, channels that do not match groups, bias shape', () => {
    const x = tensor3d([1, 2, 3, 4], [2, 2, 1]);
    const k = tensor4d([1, 1], [1, 1, 1, 2]);
    assert.throws(() => corr2dMultiTensor(x, tensor3d([1], [1, 1, 1]) as never), {
      message: 'corr2dMulti: k must be a 4-D tensor [kh, kw, c_in/groups, c_out], got shape [1, 1, 1]',
    });
    assert.throws(() => corr2dMultiTensor(x, tensor4d([1, 1], [1, 1, 2, 1])), {
      message: 'corr2dMulti: k has 2 input channels per group, x has 1 channels (groups 1)',
    });
    assert.throws(() => corr2dMultiTensor(x, k, { bias: tensor1d([1]) }), {
      message: 'corr2dMulti: bias has shape [1], expected [2]',
    });
    assert.throws(() => corr2dMulti([[[1]]], [[[[1]]], [[[1]]]], { groups: 2 }), {
      message: 'corr2dMulti: groups 2 does not divide c_in 1',
    });
  });
});
