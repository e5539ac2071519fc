// Multi-channel forward and its gradients on the fast path (FastConv2d) against a float64 loop written from the
// definition (helpers/multi-reference.ts). Inputs are float32 in [−1, 1]; the engine sums c_in·kh·kw float32
// products per output, so the tolerance is 1e-5·c_in·kh·kw (at most about one rounding per product).
import v8 from 'node:v8';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FastConv2d, type MultiOptions, type Planes, type Weights } from '../../src/core/fast';
import { mulberry32 } from '../../src/core/random';
import { convGeometry } from '../../src/core/geometry';
import { conv2dMultiReference } from './helpers/multi-reference';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

function planes(c: number, h: number, w: number, seed: number): Planes {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: c * h * w }, () => next() * 2 - 1), c, h, w };
}

function weights(cOut: number, cInPerGroup: number, kh: number, kw: number, seed: number): Weights {
  const p = planes(cOut * cInPerGroup, kh, kw, seed);
  return { data: p.data, cOut, cInPerGroup, kh, kw };
}

function assertClose(got: Planes, want: ReturnType<typeof conv2dMultiReference>, tol: number, what: string) {
  assert.deepEqual([got.c, got.h, got.w], [want.c, want.h, want.w], `${what}: shape`);
  for (let p = 0; p < want.data.length; p++) {
    const i = Math.floor(p / want.w) % want.h;
    const ch = Math.floor(p / (want.w * want.h));
    const d = Math.abs(got.data[p] - want.data[p]);
    if (!(d <= tol))
      assert.fail(
        `${what}: y[${ch}][${i}][${p % want.w}] = ${got.data[p]}, expected ${want.data[p]} (|Δ| ${d} > ${tol})`,
      );
  }
}

const CASES: [string, [number, number, number], [number, number, number, number], MultiOptions, boolean][] = [
  [
    'x=[3,40,45] k=[16,3,3,3] s=1 p=same, bias (the benchmark case, small)',
    [3, 40, 45],
    [16, 3, 3, 3],
    { padding: 'same' },
    true,
  ],
  ['x=[2,9,11] k=[3,2,2,2] s=1 p=valid', [2, 9, 11], [3, 2, 2, 2], {}, false],
  [
    'x=[3,37,70] k=[5,3,5,5] s=1 p=2 (4 + 1 output channels, wide rows)',
    [3, 37, 70],
    [5, 3, 5, 5],
    { padding: 2 },
    true,
  ],
  ['x=[1,33,40] k=[1,1,3,3] s=1 p=valid (one channel, 32-column blocks)', [1, 33, 40], [1, 1, 3, 3], {}, false],
  ['x=[3,20,21] k=[4,3,3,3] s=2 p=same', [3, 20, 21], [4, 3, 3, 3], { padding: 'same', stride: 2 }, true],
  [
    'x=[2,19,23] k=[4,2,3,3] s=[1,2] d=2 p=[[1,2],[0,3]]',
    [2, 19, 23],
    [4, 2, 3, 3],
    {
      stride: [1, 2],
      dilation: 2,
      padding: [
        [1, 2],
        [0, 3],
      ],
    },
    true,
  ],
  ['x=[4,15,18] k=[6,2,3,3] groups=2 p=1', [4, 15, 18], [6, 2, 3, 3], { groups: 2, padding: 1 }, true],
  ['x=[3,6,7] k=[8,3,3,3] p=same (rows narrower than a block)', [3, 6, 7], [8, 3, 3, 3], { padding: 'same' }, true],
];

for (const variant of ['relaxed-simd', 'simd'] as const) {
  describe(`FastConv2d ${variant}: forward vs float64 loop`, () => {
    const engine = FastConv2d.create([variant]);
    test('the requested build loads', () => assert.equal(engine?.variant, variant));
    for (const [title, [c, h, w], [co, ci, kh, kw], opts, withBias] of CASES) {
      test(title, () => {
        assert.ok(engine);
        const x = planes(c, h, w, c * 100 + h);
        const k = weights(co, ci, kh, kw, co * 10 + kh);
        const bias = withBias ? planes(1, 1, co, 7).data : undefined;
        engine.load(x);
        const got = engine.forward(k, bias, opts);
        assertClose(got, conv2dMultiReference(x, k, bias, opts), 1e-5 * ci * kh * kw, title);
        // Second call, same padding (the padded input is reused) and into a given buffer.
        const out = new Float32Array(got.data.length);
        assert.equal(engine.forward(k, bias, opts, out).data, out);
        assert.deepEqual(Array.from(out), Array.from(got.data));
      });
    }

    for (const [c, h, w, co, kh, kw, pad] of [
      [3, 30, 34, 2, 3, 3, 'same'],
      [2, 17, 23, 3, 3, 3, 'valid'], // ow = 21: scalar tail columns of the 3×3 gradient
      [3, 19, 26, 2, 2, 4, 1], // not 3×3: the generic tap-by-tap gradient
    ] as const) {
      test(`lossAndGradients x=[${c},${h},${w}] k=[${co},${c},${kh},${kw}] p=${pad}: L, dK, dBias = float64 loop`, () => {
        assert.ok(engine);
        const x = planes(c, h, w, 1);
        const k = weights(co, c, kh, kw, 2);
        const bias = planes(1, 1, co, 4).data;
        const yRef = conv2dMultiReference(x, k, bias, { padding: pad });
        const t = planes(co, yRef.h, yRef.w, 3);
        engine.load(x);
        engine.setTarget(t);
        const got = engine.lossAndGradients(k, bias, { padding: pad });
        const r = yRef.data.map((v, p) => v - t.data[p]);
        const loss = r.reduce((s, v) => s + v * v, 0);
        assert.ok(Math.abs(got.loss - loss) <= 1e-5 * loss, `loss ${got.loss} vs ${loss}`);
        const plane = yRef.h * yRef.w;
        const g = convGeometry({ inH: h, inW: w, kH: kh, kW: kw, padding: pad });
        for (let o = 0; o < co; o++) {
          const sb = r.subarray(o * plane, (o + 1) * plane).reduce((s, v) => s + v, 0);
          assert.ok(Math.abs(got.dBias[o] - 2 * sb) <= 1e-5 * plane, `dBias[${o}] ${got.dBias[o]} vs ${2 * sb}`);
          for (let ch = 0; ch < c; ch++) {
            for (let a = 0; a < kh; a++) {
              for (let b = 0; b < kw; b++) {
                // ∂L/∂K[o][ch][a][b] = 2·Σᵢⱼ r[o][i][j]·X[ch][i − pT + a][j − pL + b] (zero outside X).
                let s = 0;
                for (let i = 0; i < yRef.h; i++) {
                  const rr = i - g.padTop + a;
                  if (rr < 0 || rr >= h) continue;
                  for (let j = 0; j < yRef.w; j++) {
                    const cc = j - g.padLeft + b;
                    if (cc >= 0 && cc < w) s += r[o * plane + i * yRef.w + j] * x.data[(ch * h + rr) * w + cc];
                  }
                }
                const v = got.dK[((o * c + ch) * kh + a) * kw + b];
                assert.ok(Math.abs(v - 2 * s) <= 1e-5 * plane, `dK[${o}][${ch}][${a}][${b}] = ${v}, expected ${2 * s}`);
              }
            }
          }
        }
      });
    }

    test('lossAndGradients without a target, or with T of the wrong shape, says so', () => {
      const e = FastConv2d.create([variant]);
      assert.ok(e);
      e.load(planes(3, 10, 10, 1));
      const k = weights(1, 3, 3, 3, 1);
      assert.throws(() => e.lossAndGradients(k, undefined), /conv2dFast: no target set/);
      e.setTarget(planes(1, 5, 5, 2));
      assert.throws(() => e.lossAndGradients(k, undefined), /conv2dFast: T is \[1, 5, 5\], expected \[1, 8, 8\]/);
      assert.throws(() => e.lossAndGradients(k, undefined, { stride: 2 }), /gradients need stride 1/);
    });
  });
}

describe('FastConv2d errors name what is wrong', () => {
  const engine = FastConv2d.create();
  test('K [4,3,3,3] on X [2,8,8] → "conv2dFast: K has 3 input channels, X has 2"', () => {
    assert.ok(engine);
    engine.load(planes(2, 8, 8, 1));
    assert.throws(() => engine.forward(weights(4, 3, 3, 3, 1)), /^Error: conv2dFast: K has 3 input channels, X has 2$/);
  });
  test('groups 2 with K [4,3,…] on X [4,…] → "K has 3 input channels per group, X has 2"; groups 3 → must divide', () => {
    assert.ok(engine);
    engine.load(planes(4, 8, 8, 1));
    assert.throws(
      () => engine.forward(weights(4, 3, 3, 3, 1), undefined, { groups: 2 }),
      /K has 3 input channels per group, X has 2/,
    );
    assert.throws(
      () => engine.forward(weights(4, 1, 3, 3, 1), undefined, { groups: 3 }),
      /groups 3 must divide X's 4 channels/,
    );
  });
  test('bias of 3 for 4 filters, kernel larger than input, data length, before load', () => {
    assert.ok(engine);
    engine.load(planes(1, 4, 4, 1));
    assert.throws(
      () => engine.forward(weights(4, 1, 3, 3, 1), new Float32Array(3)),
      /bias has 3 values, K has 4 filters/,
    );
    assert.throws(() => engine.forward(weights(1, 1, 5, 5, 1)), /kernel 5×5 is larger than input 4×4/);
    assert.throws(() => engine.load({ data: new Float32Array(5), c: 1, h: 2, w: 3 }), /X \[1, 2, 3\] has 5 values/);
    assert.throws(() => FastConv2d.create()?.forward(weights(1, 1, 1, 1, 1)), /conv2dFast: no input loaded/);
  });
});

describe('FastConv2d.planeRanges: min and max of each output plane, scanned in wasm memory', () => {
  const engine = FastConv2d.create();
  test('equal to a plain loop on random outputs of 1×1 … 37×41 planes (lengths not multiples of 8); NaN and ±∞ show', () => {
    assert.ok(engine, 'WebAssembly SIMD runs in Node 20');
    const next = mulberry32(17);
    for (const [c, h, w, cOut, kh] of [
      [1, 3, 3, 1, 3],
      [3, 12, 13, 4, 3],
      [2, 39, 43, 3, 3],
      [1, 9, 9, 2, 1],
    ]) {
      const X: Planes = { data: Float32Array.from({ length: c * h * w }, () => next() * 4 - 2), c, h, w };
      const K: Weights = {
        data: Float32Array.from({ length: cOut * c * kh * kh }, () => next() * 2 - 1),
        cOut,
        cInPerGroup: c,
        kh,
        kw: kh,
      };
      engine.load(X);
      const y = engine.forwardView(K);
      const plane = y.h * y.w;
      const want = Array.from({ length: cOut }, (_, o): number[] => {
        const p: number[] = Array.from(y.data.subarray(o * plane, (o + 1) * plane));
        return [Math.min(...p), Math.max(...p)];
      });
      assert.deepEqual(engine.planeRanges(y), want, `X [${c}, ${h}, ${w}] K [${cOut}, ${c}, ${kh}, ${kh}]`);
      // Values planted in the output itself: the scan must see the last element and propagate NaN.
      y.data[plane - 1] = 1e9;
      assert.equal(engine.planeRanges(y)?.[0][1], 1e9, 'the last value of plane 0 is scanned');
      y.data[0] = -Infinity;
      assert.equal(engine.planeRanges(y)?.[0][0], -Infinity);
      y.data[plane >> 1] = NaN;
      assert.ok(engine.planeRanges(y)?.[0].every(Number.isNaN), 'NaN makes min and max NaN');
    }
    assert.equal(
      engine.planeRanges({ data: new Float32Array(4), c: 1, h: 2, w: 2 }),
      undefined,
      'not a view: undefined',
    );
  });
});
