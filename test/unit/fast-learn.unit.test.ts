// Learning a kernel on the fast engine (FastKernelLearner, gradLoaded) against the float64 reference learner, and the
// views' choice of convolution path (conv-path.ts) with its forward correlation on tfjs cpu and on the fast engine.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memory } from '@tensorflow/tfjs-core';
import { FastCorr2d, FastKernelLearner, fromPlane, type FastPath, type Plane } from '../../src/core/fast';
import { corr2dGradJs } from '../../src/core/fast/js';
import { learnKernelReference, type LearnOptions } from '../../src/core/learn-reference';
import { edgeImage, edgeTarget } from '../../src/core/fixtures';
import { corr2dReference } from '../../src/core/reference';
import { mulberry32 } from '../../src/core/random';
import { stabilityReport } from '../../src/core/stability';
import { chooseConvPath, ForwardCorr } from '../../webview-ui/shared/conv-path';
import { assertMatrixClose } from './helpers/assert';
import { useCpuBackend } from './helpers/tf';

const PATHS: FastPath[] = ['wasm-simd', 'js'];

function plane(h: number, w: number, seed: number): Plane {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: h * w }, () => next() * 2 - 1), h, w };
}

/** Runs a FastKernelLearner to the end: its records and why it stopped. */
function runFast(o: LearnOptions, path: FastPath) {
  const l = new FastKernelLearner(o, FastCorr2d.create(path));
  const records = [];
  for (let r = l.step(); r !== null; r = l.step()) records.push(r);
  return { records, converged: l.converged, diverged: l.diverged, ...l.parameters() };
}

for (const path of PATHS) {
  describe(`FastCorr2d.gradLoaded ${path}`, () => {
    for (const [h, w, oh, ow] of [
      [13, 11, 11, 9],
      [9, 17, 8, 13],
      [6, 8, 6, 7],
    ]) {
      test(`X=[${h},${w}] r=[${oh},${ow}] → K=[${h - oh + 1},${w - ow + 1}] equals corr2dGradJs within 1e-4`, () => {
        const fast = FastCorr2d.create(path);
        const x = plane(h, w, h * 31 + w);
        const r = plane(oh, ow, oh * 7 + ow);
        fast.load(x);
        // A separable 7×7 kernel first: its row pass replaces the resident plane, gradLoaded must reload X.
        if (h >= 7 && w >= 7) fast.corrLoaded({ data: new Float32Array(49).fill(1), h: 7, w: 7 });
        const got = fast.gradLoaded(r);
        const want = corr2dGradJs(x, r);
        assert.equal(got.length, want.length);
        got.forEach((v, i) =>
          assert.ok(Math.abs(v - want[i]) <= 1e-4 * oh * ow, `g[${i}] = ${v}, expected ${want[i]}`),
        );
      });
    }

    test('gradLoaded before load throws "corr2dGrad: no image loaded"', () => {
      assert.throws(() => FastCorr2d.create(path).gradLoaded(plane(2, 2, 1)), /corr2dGrad: no image loaded/);
    });
  });

  describe(`FastKernelLearner ${path} vs learnKernelReference`, () => {
    const book = { X: edgeImage(), Y: edgeTarget(), kH: 1, kW: 2 };
    const cases: [string, LearnOptions][] = [
      ['X=[6,8] K=[1,2] lr=3e-2 10 steps, no bias (d2l §7.2.5)', { ...book, lr: 3e-2, steps: 10 }],
      ['X=[6,8] K=[1,2] lr=1e-2 30 steps, bias', { ...book, lr: 1e-2, steps: 30, useBias: true, initBias: 0.5 }],
      [
        'X=[6,8] K=[1,2] lr=3e-2 bias: diverges (stable only below 0.01609, d2l §7.2.4 with a bias)',
        { ...book, lr: 3e-2, steps: 200, useBias: true, initKernel: [[0.5, 0.5]] },
      ],
    ];
    for (const [title, o] of cases) {
      test(title, () => {
        const got = runFast(o, path);
        const want = learnKernelReference(o);
        assert.equal(got.records.length, want.records.length);
        assert.equal(got.diverged, want.diverged);
        assert.equal(got.converged, want.converged);
        got.records.forEach((r, i) => {
          const w = want.records[i];
          assert.ok(
            Math.abs(r.loss - w.loss) <= 1e-4 * Math.max(1, w.loss),
            `step ${r.step}: loss ${r.loss} vs ${w.loss}`,
          );
        });
        if (!want.diverged) assertMatrixClose(got.kernel, want.kernel, 1e-4);
      });
    }

    test('X=[40,40] K=[3,3] target Sobel-x, lr = 0.9·lrMax: learned within 1e-3 in 300 steps', () => {
      const X = fromPlane(plane(40, 40, 5));
      const target = [
        [1, 0, -1],
        [2, 0, -2],
        [1, 0, -1],
      ];
      const lr = 0.9 * stabilityReport(X, 3, 3, false, 1).lrMax;
      const got = runFast(
        { X, Y: corr2dReference(X, target), kH: 3, kW: 3, lr, steps: 300, seed: 3, tolerance: 0 },
        path,
      );
      assertMatrixClose(got.kernel, target, 1e-3);
    });
  });
}

describe('chooseConvPath', () => {
  const fast = () => FastCorr2d.create();
  const cases: [Parameters<typeof chooseConvPath>[0], string, string | undefined, string, RegExp][] = [
    ['auto', 'webgl', undefined, 'webgl', /GPU/],
    ['auto', 'webgl', 'software WebGL (SwiftShader)', 'wasm-simd', /SwiftShader/],
    ['auto', 'cpu', undefined, 'wasm-simd', /tfjs runs on cpu/],
    ['wasm', 'cpu', undefined, 'wasm-simd', /set by conv2d\.backend/],
    ['webgl', 'webgl', 'software WebGL (SwiftShader)', 'webgl', /set by conv2d\.backend/],
    ['webgl', 'cpu', undefined, 'cpu', /tfjs cpu/],
    ['cpu', 'cpu', undefined, 'cpu', /set by conv2d\.backend/],
  ];
  for (const [pref, backend, software, path, reason] of cases) {
    test(`setting ${pref}, tfjs ${backend}${software ? ', software WebGL' : ''} → ${path}`, () => {
      const { choice } = chooseConvPath(pref, backend, software, fast);
      assert.equal(choice.path, path);
      assert.match(choice.reason, reason);
    });
  }
});

describe('ForwardCorr', () => {
  before(useCpuBackend);
  const x = plane(12, 10, 9);
  const k = plane(3, 4, 10);
  const want = corr2dReference(fromPlane(x), fromPlane(k));
  for (const path of ['cpu', 'wasm-simd', 'js'] as const) {
    test(`${path}: X=[12,10] K=[3,4] valid → [10,7] equals corr2dReference within 1e-5, no tensor left`, async () => {
      const before = memory().numTensors;
      const engine = path === 'cpu' ? undefined : FastCorr2d.create(path);
      const f = new ForwardCorr({ path, reason: 'test' }, engine);
      f.load(x);
      const got = await f.corr(k);
      assertMatrixClose(fromPlane({ data: got, h: 10, w: 7 }), want, 1e-5);
      await assert.rejects(f.corr(plane(13, 2, 1)), /kernel 13×2 is larger than input 12×10/);
      f.dispose();
      assert.equal(memory().numTensors, before);
    });
  }
});
