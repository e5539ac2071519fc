// Learning on the fast path against the tfjs learner (cpu backend, gradients by tf.variableGrads): the multi-channel
// step learnStepMulti, and the single-channel FastKernelLearner on the book's experiment and on a photo-sized case.
// Both sides compute in float32, so they agree within float32 tolerance: losses to 1e-4 relative, parameters to 1e-4
// (a handful of float32 roundings of sums of hundreds of products).
import v8 from 'node:v8';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  add,
  conv2d,
  mul,
  scalar,
  square,
  sub,
  sum,
  tensor1d,
  tensor4d,
  tidy,
  variable,
  variableGrads,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import {
  FastConv2d,
  FastCorr2d,
  FastKernelLearner,
  learnStepMulti,
  type MultiParams,
  type Planes,
} from '../../src/core/fast';
import { KernelLearner } from '../../src/core/tfjs/learn';
import { edgeImage, edgeTarget } from '../../src/core/fixtures';
import type { LearnOptions } from '../../src/core/learn-reference';
import { mulberry32, randomMatrix } from '../../src/core/random';
import { corr2dReference } from '../../src/core/reference';
import { useCpuBackend } from './helpers/tf';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

function planes(c: number, h: number, w: number, seed: number, scale = 1): Planes {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: c * h * w }, () => (next() * 2 - 1) * scale), c, h, w };
}

/** [c, h, w] planes → NHWC [1, h, w, c]. */
function nhwc(p: Planes): Tensor4D {
  const d = new Float32Array(p.data.length);
  for (let c = 0; c < p.c; c++) for (let q = 0; q < p.h * p.w; q++) d[q * p.c + c] = p.data[c * p.h * p.w + q];
  return tensor4d(d, [1, p.h, p.w, p.c]);
}

/** [c_out, c_in, kh, kw] → HWIO [kh, kw, c_in, c_out], and back. */
function toHwio(k: Float32Array, cOut: number, cIn: number, kh: number, kw: number): Float32Array {
  const d = new Float32Array(k.length);
  for (let o = 0; o < cOut; o++)
    for (let c = 0; c < cIn; c++)
      for (let t = 0; t < kh * kw; t++) d[(t * cIn + c) * cOut + o] = k[(o * cIn + c) * kh * kw + t];
  return d;
}
function fromHwio(d: Float32Array, cOut: number, cIn: number, kh: number, kw: number): Float32Array {
  const k = new Float32Array(d.length);
  for (let o = 0; o < cOut; o++)
    for (let c = 0; c < cIn; c++)
      for (let t = 0; t < kh * kw; t++) k[(o * cIn + c) * kh * kw + t] = d[(t * cIn + c) * cOut + o];
  return k;
}

/** `steps` steps of the same gradient descent on tfjs: losses and final parameters. */
function tfjsRun(
  x: Planes,
  t: Planes,
  start: MultiParams,
  lr: number,
  steps: number,
  pad: 'valid' | 'same',
  useBias: boolean,
) {
  const { cOut, cInPerGroup: cIn, kh, kw } = start.k;
  const xt = nhwc(x);
  const tt = nhwc(t);
  const kv = variable(tensor4d(toHwio(start.k.data, cOut, cIn, kh, kw), [kh, kw, cIn, cOut]));
  const bv = variable(tensor1d(start.bias));
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    tidy(() => {
      const vars = useBias ? [kv, bv] : [kv];
      const { value, grads } = variableGrads(
        () => sum(square(sub(add(conv2d(xt, kv as Tensor4D, 1, pad), bv), tt))),
        vars,
      );
      losses.push(value.dataSync()[0]);
      kv.assign(sub(kv, mul(grads[kv.name], scalar(lr))) as Tensor4D);
      if (useBias) bv.assign(sub(bv, mul(grads[bv.name], scalar(lr))));
    });
  }
  const k = fromHwio(kv.dataSync() as Float32Array, cOut, cIn, kh, kw);
  const bias = bv.dataSync() as Float32Array;
  [xt, tt, kv, bv].forEach((v) => v.dispose());
  return { losses, k, bias };
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('learnStepMulti vs the tfjs learner (cpu, tf.variableGrads)', () => {
  before(useCpuBackend);
  const cases: [string, number, number, number, number, 'valid' | 'same', boolean, number][] = [
    ['x=[3,24,28] k=[1,3,3,3] p=valid, no bias, 8 steps', 3, 24, 28, 1, 'valid', false, 1e-3],
    ['x=[3,20,33] k=[2,3,3,3] p=same, bias, 8 steps', 3, 20, 33, 2, 'same', true, 1e-3],
    ['x=[2,35,40] k=[5,2,3,3] p=same, bias, 8 steps', 2, 35, 40, 5, 'same', true, 5e-4],
  ];
  for (const [title, cIn, h, w, cOut, pad, useBias, lr] of cases) {
    test(title, () => {
      const engine = FastConv2d.create();
      assert.ok(engine);
      const x = planes(cIn, h, w, h + w);
      const truth: MultiParams = {
        k: { data: planes(cOut * cIn, 3, 3, 5).data, cOut, cInPerGroup: cIn, kh: 3, kw: 3 },
        bias: planes(1, 1, cOut, 6).data,
      };
      engine.load(x);
      const T = engine.forward(truth.k, truth.bias, { padding: pad });
      const start: MultiParams = {
        k: { ...truth.k, data: planes(cOut * cIn, 3, 3, 7, 0.3).data },
        bias: new Float32Array(cOut),
      };
      const want = tfjsRun(x, T, start, lr, 8, pad, useBias);
      let p = start;
      const scratch = {};
      for (let s = 0; s < 8; s++) {
        const step = learnStepMulti(engine, p, T, lr, { padding: pad, useBias }, scratch);
        const rel = Math.abs(step.loss - want.losses[s]) / Math.max(1, want.losses[s]);
        assert.ok(rel <= 1e-4, `step ${s + 1}: loss ${step.loss} vs tfjs ${want.losses[s]}`);
        p = step.params;
      }
      assert.ok(want.losses[7] < want.losses[0], 'the run learns (loss falls)');
      assert.ok(maxAbs(p.k.data, want.k) <= 1e-4, `K differs from tfjs by ${maxAbs(p.k.data, want.k)}`);
      assert.ok(maxAbs(p.bias, want.bias) <= 1e-4, `bias differs from tfjs by ${maxAbs(p.bias, want.bias)}`);
    });
  }

  test('a target of the wrong shape → "conv2dFast: T is [1, 5, 5], expected [1, 8, 8]"; lr 0 → not positive', () => {
    const engine = FastConv2d.create();
    assert.ok(engine);
    engine.load(planes(3, 10, 10, 1));
    const p: MultiParams = {
      k: { data: new Float32Array(27), cOut: 1, cInPerGroup: 3, kh: 3, kw: 3 },
      bias: new Float32Array(1),
    };
    assert.throws(
      () => learnStepMulti(engine, p, planes(1, 5, 5, 2), 1e-3),
      /conv2dFast: T is \[1, 5, 5\], expected \[1, 8, 8\]/,
    );
    assert.throws(() => learnStepMulti(engine, p, planes(1, 8, 8, 2), 0), /learning rate 0 is not a positive number/);
  });
});

describe('FastKernelLearner vs KernelLearner (tfjs cpu), single channel', () => {
  before(useCpuBackend);
  const X = randomMatrix(mulberry32(4), 40, 40);
  const sobel = [
    [1, 0, -1],
    [2, 0, -2],
    [1, 0, -1],
  ];
  const cases: [string, LearnOptions][] = [
    [
      'book: X=[6,8] K=[1,2] lr=3e-2 10 steps (d2l §7.2.5)',
      { X: edgeImage(), Y: edgeTarget(), kH: 1, kW: 2, lr: 3e-2, steps: 10 },
    ],
    [
      'X=[40,40] K=[3,3] Sobel target, bias, lr=2e-4 40 steps',
      { X, Y: corr2dReference(X, sobel), kH: 3, kW: 3, lr: 2e-4, steps: 40, useBias: true, seed: 2 },
    ],
  ];
  for (const [title, o] of cases) {
    for (const path of ['wasm-simd', 'js'] as const) {
      test(`${path}: ${title}`, () => {
        const fast = new FastKernelLearner(o, FastCorr2d.create(path));
        const tf = new KernelLearner(o);
        for (;;) {
          const a = fast.step();
          const b = tf.step();
          assert.equal(a === null, b === null);
          if (!a || !b) break;
          assert.ok(Math.abs(a.loss - b.loss) <= 1e-4 * Math.max(1, b.loss), `step ${a.step}: ${a.loss} vs ${b.loss}`);
          a.kernel.forEach((row, i) =>
            row.forEach((v, j) => assert.ok(Math.abs(v - b.kernel[i][j]) <= 1e-4, `K[${i}][${j}]`)),
          );
          assert.ok(Math.abs(a.bias - b.bias) <= 1e-4, 'bias');
        }
        tf.dispose();
      });
    }
  }
});
