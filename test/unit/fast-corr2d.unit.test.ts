// The fast cross-correlation (src/core/fast) against the float64 plain-loop reference, on each engine: the relaxed-SIMD
// and the plain-SIMD builds of the AssemblyScript kernels and the JavaScript fallback. Inputs are float32 values in
// [−1, 1]; the fast paths sum in float32 (wasm) or float64 (js), so outputs agree within 1e-5·kh·kw (a float32
// rounding per product at most, with margin), and the gradient within 1e-5·(number of products).
import v8 from 'node:v8';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FastCorr2d, chooseRoute, fromPlane, rankOneFactors, type Plane } from '../../src/core/fast';
import { kernelBytes } from '../../src/core/fast/wasm';
import { ENGINES } from './helpers/fast';
import { corr2dReference } from '../../src/core/reference';
import { fromFlat } from '../../src/core/matrix';
import { mulberry32 } from '../../src/core/random';
import { assertMatrixClose } from './helpers/assert';

// Node 20's V8 has relaxed SIMD behind a flag (on by default from Node 22 and Chromium 114): test that build too.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

function plane(h: number, w: number, seed: number): Plane {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: h * w }, () => next() * 2 - 1), h, w };
}

function reference(x: Plane, k: Plane) {
  return corr2dReference(fromPlane(x), fromPlane(k));
}

test('both AssemblyScript builds validate; create() picks relaxed SIMD first, then SIMD; js on request', () => {
  assert.equal(WebAssembly.validate(kernelBytes('simd')), true);
  assert.equal(WebAssembly.validate(kernelBytes('relaxed-simd')), true);
  assert.equal(FastCorr2d.create().variant, 'relaxed-simd');
  assert.equal(FastCorr2d.create('wasm-simd', ['simd']).variant, 'simd');
  assert.equal(FastCorr2d.create().path, 'wasm-simd');
  assert.equal(FastCorr2d.create('js').path, 'js');
});

for (const [name, make] of ENGINES) {
  describe(`FastCorr2d ${name}`, () => {
    const fast = make();

    test('X=[3,3] K=[2,2] valid (d2l Fig. 5.1) → [[19,25],[37,43]]', () => {
      const x: Plane = { data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]), h: 3, w: 3 };
      const k: Plane = { data: Float32Array.from([0, 1, 2, 3]), h: 2, w: 2 };
      assert.deepEqual(Array.from(fast.corr(x, k)), [19, 25, 37, 43]);
    });

    test('random shapes X=[1..40, 1..70] K=[1..12, 1..12] valid, within 1e-5·kh·kw', () => {
      const shapes = fc
        .record({
          h: fc.integer({ min: 1, max: 40 }),
          w: fc.integer({ min: 1, max: 70 }),
          kh: fc.integer({ min: 1, max: 12 }),
          kw: fc.integer({ min: 1, max: 12 }),
          seed: fc.integer({ min: 1, max: 1e6 }),
        })
        .filter((s) => s.kh <= s.h && s.kw <= s.w);
      fc.assert(
        fc.property(shapes, ({ h, w, kh, kw, seed }) => {
          const x = plane(h, w, seed);
          const k = plane(kh, kw, seed + 1);
          const y = fast.corr(x, k);
          assertMatrixClose(
            fromFlat(y, h - kh + 1, w - kw + 1),
            reference(x, k),
            1e-5 * kh * kw,
            `X=[${h},${w}] K=[${kh},${kw}]`,
          );
        }),
        { numRuns: 150 },
      );
    });

    test('row triples (kh ≥ 3, ≥ 12 columns): every kh 3..7 × oh 3..8 (all remainders mod 3 and 2) × ow 12..17, 40, within 1e-5·kh·kw', () => {
      for (let kh = 3; kh <= 7; kh++)
        for (let oh = 3; oh <= 8; oh++)
          for (const ow of [12, 13, 14, 15, 16, 17, 40]) {
            const kw = 1 + ((kh + oh + ow) % 5);
            const x = plane(oh + kh - 1, ow + kw - 1, 31 * kh + oh);
            const k = plane(kh, kw, 7 * ow + kh);
            assertMatrixClose(
              fromFlat(fast.corr(x, k), oh, ow),
              reference(x, k),
              1e-5 * kh * kw,
              `X=[${x.h},${x.w}] K=[${kh},${kw}]`,
            );
          }
    });

    test('X=[64,96] one image, kernels 3×3, 11×11, 1×15 in turn via load/corrLoaded = corr', () => {
      const x = plane(64, 96, 7);
      fast.load(x);
      for (const [kh, kw] of [
        [3, 3],
        [11, 11],
        [1, 15],
        [3, 3],
      ]) {
        const k = plane(kh, kw, kh * 100 + kw);
        assertMatrixClose(
          fromFlat(fast.corrLoaded(k), 65 - kh, 97 - kw),
          reference(x, k),
          1e-5 * kh * kw,
          `K=[${kh},${kw}]`,
        );
      }
    });

    test('rank-1 K=[7,7] (u·vᵀ) and box K=[5,5] on X=[50,60] take the separable path, within 1e-5·kh·kw', () => {
      const x = plane(50, 60, 3);
      const u = plane(7, 1, 4);
      const v = plane(1, 7, 5);
      const outer: Plane = {
        data: Float32Array.from({ length: 49 }, (_, i) => u.data[Math.floor(i / 7)] * v.data[i % 7]),
        h: 7,
        w: 7,
      };
      const box: Plane = { data: new Float32Array(25).fill(1 / 25), h: 5, w: 5 };
      for (const k of [outer, box]) {
        assert.ok(rankOneFactors(k), `${k.h}×${k.w} is rank 1`);
        assertMatrixClose(
          fromFlat(fast.corr(x, k), 51 - k.h, 61 - k.w),
          reference(x, k),
          1e-5 * k.h * k.w,
          `K=[${k.h},${k.w}]`,
        );
      }
    });

    test('kernel gradient X=[30,41] R=[28,39] → [3,3] = 2·corr2d(X, R), within 1e-5·28·39', () => {
      const x = plane(30, 41, 11);
      const r = plane(28, 39, 12);
      const g = fast.grad(x, r);
      const expected = reference(x, r).map((row) => row.map((v) => 2 * v));
      assertMatrixClose(fromFlat(g, 3, 3), expected, 1e-5 * 28 * 39, 'dL/dK');
    });

    test('kernel 3×3 larger than input 2×5 → "corr2dFast: kernel 3×3 is larger than input 2×5"', () => {
      assert.throws(
        () => fast.corr(plane(2, 5, 1), plane(3, 3, 2)),
        /^Error: corr2dFast: kernel 3×3 is larger than input 2×5$/,
      );
      assert.throws(
        () => fast.corr({ data: new Float32Array(5), h: 2, w: 3 }, plane(1, 1, 2)),
        /corr2dFast: input 2×3 has 5 values/,
      );
      assert.throws(() => make().corrLoaded(plane(1, 1, 1)), /corr2dFast: no image loaded/);
    });
  });
}

test('rankOneFactors: ones with one huge entry (5×5 and 15×15 with 1e30, 11×11 with 1e6) are not rank 1; a float32 Gaussian is', () => {
  for (const [n, spike] of [
    [5, 1e30],
    [15, 1e30],
    [11, 1e6],
  ]) {
    const k: Plane = { data: new Float32Array(n * n).fill(1), h: n, w: n };
    k.data[(n >> 1) * n + (n >> 1)] = spike;
    assert.equal(rankOneFactors(k), undefined, `${n}×${n} ones, centre ${spike}`);
    assert.notEqual(chooseRoute(k, { h: 512, w: 512 }).route, 'separable');
  }
  // 5×5 runs direct: where x is 0 under the spike the ones are all there is, and the fast path keeps them.
  const k: Plane = { data: new Float32Array(25).fill(1), h: 5, w: 5 };
  k.data[12] = 1e30;
  const x = plane(9, 9, 5);
  x.data[2 * 9 + 2] = 0;
  let want = 0;
  for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) want += x.data[a * 9 + b] * k.data[a * 5 + b];
  const y0 = FastCorr2d.create().corr(x, k)[0];
  assert.ok(Math.abs(y0 - want) <= 1e-5 * 25, `y[0][0] = ${y0}, the float64 loop ${want}`);
  const g = [0.06136, 0.24477, 0.38774, 0.24477, 0.06136];
  const gauss: Plane = {
    data: Float32Array.from({ length: 25 }, (_, i) => g[Math.floor(i / 5)] * g[i % 5]),
    h: 5,
    w: 5,
  };
  assert.ok(rankOneFactors(gauss), 'a 5×5 Gaussian rounded to float32 is rank 1');
});

test('rankOneFactors: a rank-1 5×5 with one NaN or ±∞ off the pivot is not rank 1; corr2dFast gives no finite output, as the loop', () => {
  const u = [1, 2, -1, 0.5, 3];
  const v = [0.25, -1, 2, 1, -0.5];
  for (const bad of [NaN, Infinity, -Infinity]) {
    const k: Plane = { data: Float32Array.from({ length: 25 }, (_, i) => u[Math.floor(i / 5)] * v[i % 5]), h: 5, w: 5 };
    assert.ok(rankOneFactors(k), 'finite: rank 1');
    k.data[0] = bad; // row 0, column 0: the pivot is 3·2 at row 4, column 2
    assert.equal(rankOneFactors(k), undefined, `${bad} at [0][0]`);
    const x = plane(9, 9, 3);
    const y = FastCorr2d.create().corr(x, k);
    // Every window holds x[i][j]·k[0][0] (x has no zeros): NaN stays NaN, ±∞ makes each sum ±∞ (or NaN).
    assert.ok(
      y.every((value) => (Number.isNaN(bad) ? Number.isNaN(value) : !Number.isFinite(value))),
      `${bad} at [0][0]: every output non-finite, as the float64 loop gives`,
    );
  }
});

for (const [name, make] of ENGINES) {
  test(`${name}: corrKept on every route (direct, 1×1, separable, fft) = reference; each result survives the next call`, () => {
    const fast = make();
    const x = plane(90, 77, 50);
    fast.load(x);
    const box: Plane = { data: new Float32Array(25).fill(0.04), h: 5, w: 5 };
    let shown: Float32Array | undefined;
    let shownValues: Float32Array | undefined;
    for (const k of [plane(3, 3, 51), plane(1, 1, 52), box, plane(11, 11, 53), plane(4, 6, 54)]) {
      const y = fast.corrKept(k, shown);
      const want = corr2dReference(fromPlane(x), fromPlane(k));
      assertMatrixClose(fromFlat(y, x.h - k.h + 1, x.w - k.w + 1), want, 1e-5 * k.h * k.w, `${name} k=${k.h}×${k.w}`);
      if (shown && shownValues) assert.deepEqual(shown, shownValues, `the previous result survives k=${k.h}×${k.w}`);
      shown = y;
      shownValues = Float32Array.from(y);
    }
  });
}

test('rankOneFactors: a random 3×3 kernel is not rank 1; Sobel-x is, with K ≈ u·vᵀ', () => {
  assert.equal(rankOneFactors(plane(3, 3, 9)), undefined);
  const sobel: Plane = { data: Float32Array.from([1, 0, -1, 2, 0, -2, 1, 0, -1]), h: 3, w: 3 };
  const f = rankOneFactors(sobel);
  assert.ok(f);
  sobel.data.forEach((v, i) => assert.ok(Math.abs(f.u.data[Math.floor(i / 3)] * f.v.data[i % 3] - v) < 1e-6));
});
