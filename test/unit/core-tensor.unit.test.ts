// tfjs (cpu backend, float32) against the float64 plain-loop reference and the book's values.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { conv2d, memory, tensor2d, tensor4d, type Tensor4D } from '@tensorflow/tfjs-core';
import { useCpuBackend } from './helpers/tf';
import { assertMatrixClose } from './helpers/assert';
import { convolve2d, convolve2dTensor, corr2d, corr2dTensor } from '../../src/core/tfjs/tensor';
import { Conv2D } from '../../src/core/tfjs/conv2d-layer';
import { corr2dReference, convolve2dReference } from '../../src/core/reference';
import { edgeImage, edgeKernel, fig51K, fig51X } from '../../src/core/fixtures';
import { filled, fromFlat, maxAbsDiff, transpose, type Matrix } from '../../src/core/matrix';
import { mulberry32, randomMatrix } from '../../src/core/random';
import type { ConvOptions, Padding } from '../../src/core/geometry';

before(useCpuBackend);

describe('corr2d on tfjs', () => {
  test('Fig. 5.1 X=[3,3] K=[2,2] valid → [[19, 25], [37, 43]]', () => {
    assert.deepEqual(corr2d(fig51X(), fig51K()), [
      [19, 25],
      [37, 43],
    ]);
  });
  test('edge image X=[6,8] K=[1,2] valid → [6,7], rows [0,1,0,0,0,-1,0]; transposed X=[8,6] → [8,5] zeros', () => {
    const Y = corr2d(edgeImage(), edgeKernel());
    assert.equal(Y.length, 6);
    for (const row of Y) assert.deepEqual(row, [0, 1, 0, 0, 0, -1, 0]);
    assert.deepEqual(corr2d(transpose(edgeImage()), edgeKernel()), filled(8, 5, 0));
  });
  test('X=[3,3] K=[[1,1],[2,2]]: cross-correlation [[21,27],[35,41]], convolution [[15,21],[31,37]]', () => {
    const X = [
      [1, 2, 3],
      [4, 5, 6],
      [6, 7, 8],
    ];
    const K = [
      [1, 1],
      [2, 2],
    ];
    assert.deepEqual(corr2d(X, K), [
      [21, 27],
      [35, 41],
    ]);
    assert.deepEqual(convolve2d(X, K), [
      [15, 21],
      [31, 37],
    ]);
  });
  test('tensor API: corr2dTensor/convolve2dTensor return [2,2] tensors and leak nothing', () => {
    const x = tensor2d([
      [1, 2, 3],
      [4, 5, 6],
      [6, 7, 8],
    ]);
    const k = tensor2d([
      [1, 1],
      [2, 2],
    ]);
    const n = memory().numTensors;
    const y = corr2dTensor(x, k);
    const z = convolve2dTensor(x, k);
    assert.deepEqual(y.shape, [2, 2]);
    assert.deepEqual(fromFlat(y.dataSync(), 2, 2), [
      [21, 27],
      [35, 41],
    ]);
    assert.deepEqual(fromFlat(z.dataSync(), 2, 2), [
      [15, 21],
      [31, 37],
    ]);
    y.dispose();
    z.dispose();
    assert.equal(memory().numTensors, n);
    x.dispose();
    k.dispose();
  });
  test('corr2d leaves tf.memory().numTensors unchanged', () => {
    const n = memory().numTensors;
    corr2d(fig51X(), fig51K(), { padding: 'same', stride: 2, dilation: 1 });
    corr2d(filled(9, 9, 1), fig51K(), { stride: 2, dilation: 2 });
    assert.equal(memory().numTensors, n);
  });
  test('errors name the op: kernel larger than input, ragged, NaN, 3-D tensor', () => {
    assert.throws(() => corr2d(filled(2, 5), filled(3, 3)), { message: 'corr2d: kernel 3×3 is larger than input 2×5' });
    assert.throws(
      () =>
        corr2d(fig51X(), [
          [1, 2],
          [1, 2, 3],
        ]),
      { message: 'corr2d: K row 1 has 3 elements, row 0 has 2' },
    );
    assert.throws(() => corr2d([[0, NaN]], [[1]]), { message: 'corr2d: X[0][1] is NaN' });
    assert.throws(() => convolve2d([], [[1]]), { message: 'convolve2d: X is empty' });
    const x3 = tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    assert.throws(() => corr2dTensor(x3 as never, tensor2d([[1]])), {
      message: 'corr2d: x must be a 2-D tensor [h, w], got shape [1, 2, 2, 1]',
    });
    x3.dispose();
  });
});

describe("'same' padding agrees with tf.conv2d's own 'same'", () => {
  const cases: Array<[string, number, number, number, number, number]> = [
    ['X=[6,7] K=[2,2] s=1 (odd pad: 1 bottom/right)', 6, 7, 2, 2, 1],
    ['X=[5,5] K=[4,4] s=2 (pad 1 top, 2 bottom)', 5, 5, 4, 4, 2],
    ['X=[8,6] K=[3,2] s=3', 8, 6, 3, 2, 3],
  ];
  for (const [title, h, w, kh, kw, s] of cases) {
    test(title, () => {
      const rand = mulberry32(h * 100 + w);
      const X = randomMatrix(rand, h, w);
      const K = randomMatrix(rand, kh, kw);
      const x = tensor4d(X.flat(), [1, h, w, 1]);
      const k = tensor4d(K.flat(), [kh, kw, 1, 1]) as Tensor4D;
      const tfSame = conv2d(x, k, s, 'same');
      const [, oh, ow] = tfSame.shape;
      const fromTf = fromFlat(tfSame.dataSync(), oh, ow);
      [x, k, tfSame].forEach((t) => t.dispose());
      assertMatrixClose(corr2dReference(X, K, { padding: 'same', stride: s }), fromTf, 1e-5, 'reference vs tf same');
      assertMatrixClose(corr2d(X, K, { padding: 'same', stride: s }), fromTf, 1e-5, 'corr2d vs tf same');
    });
  }
});

describe('Conv2D layer (bias added after the cross-correlation)', () => {
  test('X=[3,3] K=[[0,1],[2,3]] b=1 → [[20,26],[38,44]], not the TF2 port bug [[27,37],[57,67]]', () => {
    const layer = new Conv2D(
      [
        [0, 1],
        [2, 3],
      ],
      1,
    );
    const Y = layer.forward(fig51X());
    assert.deepEqual(Y, [
      [20, 26],
      [38, 44],
    ]);
    // The bug: the bias folded into the kernel before correlating.
    const buggy = corr2dReference(fig51X(), [
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(buggy, [
      [27, 37],
      [57, 67],
    ]);
    assert.notDeepEqual(Y, buggy);
  });
  test('bad kernel or bias → error naming Conv2D', () => {
    assert.throws(() => new Conv2D([]), { message: 'Conv2D: kernel is empty' });
    assert.throws(() => new Conv2D([[1]], NaN), { message: 'Conv2D: bias NaN is not a finite number' });
  });
});

/** A random case that fits by construction: input at least as large as the effective kernel minus the padding. */
const convCase = fc
  .record({
    kH: fc.integer({ min: 1, max: 7 }),
    kW: fc.integer({ min: 1, max: 7 }),
    stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padKind: fc.constantFrom('valid', 'same', 'number', 'explicit'),
    pads: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3)),
    extraH: fc.nat(64),
    extraW: fc.nat(64),
    seed: fc.nat(),
  })
  .map((c) => {
    const padding: Padding =
      c.padKind === 'valid' || c.padKind === 'same'
        ? c.padKind
        : c.padKind === 'number'
          ? c.pads[0]
          : [
              [c.pads[0], c.pads[1]],
              [c.pads[2], c.pads[3]],
            ];
    const [padH, padW] =
      typeof padding === 'number'
        ? [2 * padding, 2 * padding]
        : Array.isArray(padding)
          ? [c.pads[0] + c.pads[1], c.pads[2] + c.pads[3]]
          : [0, 0];
    const effKH = c.dilation[0] * (c.kH - 1) + 1;
    const effKW = c.dilation[1] * (c.kW - 1) + 1;
    const h = Math.min(64, Math.max(1, effKH - padH) + (c.extraH % (65 - Math.max(1, effKH - padH))));
    const w = Math.min(64, Math.max(1, effKW - padW) + (c.extraW % (65 - Math.max(1, effKW - padW))));
    const opts: ConvOptions = { stride: c.stride, dilation: c.dilation, padding };
    return { h, w, kH: c.kH, kW: c.kW, opts, seed: c.seed };
  });

describe('tfjs against the float64 reference (fast-check, seeded)', () => {
  test('X up to [64,64], K [1..7, 1..7], random stride/dilation/padding: max abs error ≤ 1e-4', () => {
    let worst = 0;
    let largest = 0;
    let strideAndDilation = 0;
    fc.assert(
      fc.property(convCase, ({ h, w, kH, kW, opts, seed }) => {
        largest = Math.max(largest, h, w);
        const [sh, sw] = opts.stride as [number, number];
        const [dh, dw] = opts.dilation as [number, number];
        if (Math.max(sh, sw) > 1 && Math.max(dh, dw) > 1) strideAndDilation++;
        const rand = mulberry32(seed);
        const X: Matrix = randomMatrix(rand, h, w);
        const K: Matrix = randomMatrix(rand, kH, kW);
        const err = maxAbsDiff(corr2d(X, K, opts), corr2dReference(X, K, opts));
        const errConv = maxAbsDiff(convolve2d(X, K, opts), convolve2dReference(X, K, opts));
        worst = Math.max(worst, err, errConv);
        return err <= 1e-4 && errConv <= 1e-4;
      }),
      { seed: 20261129, numRuns: 150 },
    );
    assert.ok(worst <= 1e-4, `worst ${worst}`);
    // The generator must reach the interesting corners, or the property proves little.
    assert.ok(largest >= 48, `largest input side ${largest}`);
    assert.ok(strideAndDilation >= 20, `${strideAndDilation} cases with stride and dilation both > 1`);
    console.log(
      `fast-check: worst abs error ${worst.toExponential(2)}, largest side ${largest}, stride+dilation cases ${strideAndDilation}`,
    );
  });
});
