// Layout conversion PyTorch ↔ TensorFlow: the worked example from the issue, round trips, numpy.transpose as the
// independent reference, and what the plain-reshape mistake computes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chwToHwc,
  filtersToTf,
  hwcToChw,
  hwcToVolume,
  misreadFilters,
  nest,
  permuteAxes,
  plainReshapeOutput,
  tfFilterToTorch,
  tfToFilters,
  torchDepthwiseToTf,
  torchWeightToTf,
  volumeToHwc,
} from '../../src/core/layout';
import { corr2dMultiReference } from '../../src/core/channels';
import { mulberry32, randomFilters, randomVolume } from '../../src/core/random';
import type { Filters } from '../../src/core/volume';
import { python } from './helpers/python';

/** torch weight (2, 1, 2, 2): channel 0 [[1,2],[3,4]], channel 1 [[5,6],[7,8]]. */
const torchK = (): Filters => [
  [
    [
      [1, 2],
      [3, 4],
    ],
  ],
  [
    [
      [5, 6],
      [7, 8],
    ],
  ],
];
const X09 = () => [
  [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ],
];

describe('PyTorch weight [out, in, kh, kw] ↔ tf filter [kh, kw, in, out]', () => {
  test('torch (2,1,2,2) → tf [2,2,1,2] with flat data [1,5,2,6,3,7,4,8]', () => {
    assert.deepEqual(filtersToTf(torchK()), { data: [1, 5, 2, 6, 3, 7, 4, 8], shape: [2, 2, 1, 2] });
    assert.deepEqual(torchWeightToTf([1, 2, 3, 4, 5, 6, 7, 8], [2, 1, 2, 2]).data, [1, 5, 2, 6, 3, 7, 4, 8]);
  });
  test('x=[1,3,3] (0..8) k=[2,1,2,2]: channel 0 [[27,37],[57,67]], channel 1 [[59,85],[137,163]]', () => {
    assert.deepEqual(corr2dMultiReference(X09(), torchK()), [
      [
        [27, 37],
        [57, 67],
      ],
      [
        [59, 85],
        [137, 163],
      ],
    ]);
  });
  test('plain reshape of the torch data to [2,2,1,2] gives channel 0 [[46,62],[94,110]]', () => {
    assert.deepEqual(misreadFilters(torchK()), [
      [
        [
          [1, 3],
          [5, 7],
        ],
      ],
      [
        [
          [2, 4],
          [6, 8],
        ],
      ],
    ]);
    const Y = plainReshapeOutput(X09(), torchK());
    assert.deepEqual(Y[0], [
      [46, 62],
      [94, 110],
    ]);
    // Channel 1 of the mistake: [[2,4],[6,8]] on 0..8 → 0·2+1·4+3·6+4·8 = 54, …
    assert.deepEqual(Y[1], [
      [54, 74],
      [114, 134],
    ]);
  });
  test('round trips: torch → tf → torch and tf → torch → tf, random k=[3,4,2,5] and [5,2,3,1]', () => {
    const rand = mulberry32(21);
    for (const shape of [
      [3, 4, 2, 5],
      [5, 2, 3, 1],
    ]) {
      const data = Array.from({ length: shape.reduce((p, n) => p * n, 1) }, () => rand());
      const tf = torchWeightToTf(data, shape);
      assert.deepEqual(tf.shape, [shape[2], shape[3], shape[1], shape[0]]);
      assert.deepEqual(tfFilterToTorch(tf.data, tf.shape), { data, shape });
      assert.deepEqual(
        torchWeightToTf(tfFilterToTorch(data, shape).data, tfFilterToTorch(data, shape).shape).data,
        data,
      );
    }
    const K = randomFilters(mulberry32(22), 3, 2, 2, 3);
    const f = filtersToTf(K);
    assert.deepEqual(tfToFilters(f.data, f.shape), K);
  });
  test('numpy.transpose agrees: torch [3,2,2,3] → transpose(2,3,1,0); [h,w,c] ↔ [c,h,w]', () => {
    const shape = [3, 2, 2, 3];
    const data = Array.from({ length: 36 }, (_, k) => k);
    const expected = JSON.parse(
      python(
        `import numpy as np, json\nw = np.arange(36).reshape(${JSON.stringify(shape)})\n` +
          `print(json.dumps([w.transpose(2, 3, 1, 0).flatten().tolist(), np.arange(24).reshape(2, 3, 4).transpose(1, 2, 0).flatten().tolist()]))`,
      ),
    );
    assert.deepEqual(torchWeightToTf(data, shape).data, expected[0]);
    assert.deepEqual(
      chwToHwc(
        Array.from({ length: 24 }, (_, k) => k),
        [2, 3, 4],
      ),
      { data: expected[1], shape: [3, 4, 2] },
    );
  });
  test('CHW ↔ HWC round trip on x=[3,4,5]; volumeToHwc / hwcToVolume', () => {
    const X = randomVolume(mulberry32(23), 3, 4, 5);
    const hwc = volumeToHwc(X);
    assert.deepEqual(hwc.shape, [4, 5, 3]);
    assert.equal(hwc.data[(2 * 5 + 1) * 3 + 2], X[2][2][1], 'HWC index (2, 1, channel 2)');
    assert.deepEqual(hwcToVolume(hwc.data, hwc.shape), X);
    assert.deepEqual(hwcToChw(hwc.data, hwc.shape), { data: X.flat(2), shape: [3, 4, 5] });
  });
  test('depthwise torch [c·m, 1, kh, kw] → tf [kh, kw, c, m]: output channel c·m + q is kernel (c, q)', () => {
    const K = randomFilters(mulberry32(24), 6, 1, 2, 3); // c = 3, m = 2
    const f = torchDepthwiseToTf(K, 3);
    assert.deepEqual(f.shape, [2, 3, 3, 2]);
    const tf = nest(f.data, f.shape) as number[][][][];
    for (let c = 0; c < 3; c++)
      for (let q = 0; q < 2; q++)
        for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) assert.equal(tf[a][b][c][q], K[c * 2 + q][0][a][b]);
    assert.throws(() => torchDepthwiseToTf(randomFilters(mulberry32(1), 2, 2, 1, 1), 2), {
      message: 'torchDepthwiseToTf: K is [2, 2, 1, 1], expected [c_in·m, 1, kh, kw], c_in 2',
    });
  });
  test('errors: data that does not fill the shape, bad permutation, wrong rank', () => {
    assert.throws(() => permuteAxes([1, 2, 3], [2, 2], [1, 0]), {
      message: 'permuteAxes: 3 values cannot fill [2, 2]',
    });
    assert.throws(() => permuteAxes([1, 2, 3, 4], [2, 2], [0, 0]), {
      message: 'permuteAxes: [0, 0] is not a permutation of the 2 axes',
    });
    assert.throws(() => torchWeightToTf([1, 2], [1, 2]), { message: 'torchWeightToTf: shape [1, 2] is not 4-D' });
    assert.throws(() => chwToHwc([1, 2], [1, 2]), { message: 'chwToHwc: shape [1, 2] is not 3-D' });
  });
});
