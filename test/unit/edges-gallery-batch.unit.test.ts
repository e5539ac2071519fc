// The Detect Edges gallery as multi-channel calls (webview-ui/edges/batch.ts GalleryBatch) against the per-plane path
// (one forward correlation per plane and filter, model.ts galleryMap, itself checked against a float64 loop in
// edges-gallery-maps): the same maps for luma, per-channel and 3-channel filters, the probe's per-channel shares
// summing to the map's value (d2l §7.4.1), reused Y buffers that follow kernel edits and new inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { valueRange } from '../../webview-ui/edges/scale';
import { corr2dReference } from '../../src/core/reference';
import { fromFlat } from '../../src/core/matrix';
import { FastCorr2d } from '../../src/core/fast';
import { mulberry32, randomMatrix } from '../../src/core/random';
import {
  EdgesModel,
  galleryMaps,
  perPlaneMaps,
  type GalleryMap,
  type Input,
  type Plane,
} from '../../webview-ui/edges/model';
import type { GalleryFilter } from '../../webview-ui/edges/filters';
import type { BackendChoice } from '../../webview-ui/shared/backend';
import { backendChoice } from '../../webview-ui/shared/conv-path';

const TOL = 1e-5;

/** What chooseBackend returns with software WebGL: forward passes on the fast engine's own path. */
function fastBackend(): BackendChoice {
  return backendChoice('cpu', 'test', { path: FastCorr2d.create().path, reason: 'test' });
}

function randomInput(seed: number, h: number, w: number): Input {
  const rand = mulberry32(seed);
  const plane = (): Plane => ({ data: Float32Array.from({ length: h * w }, () => rand()), h, w });
  return { plane: plane(), rgb: [plane(), plane(), plane()] };
}

/** Luma filters of two kernel sizes, one per colour channel, and two 3-channel ones: five groups of calls. */
function mixedFilters(seed: number): GalleryFilter[] {
  const rand = mulberry32(seed);
  const k = (kh: number, kw: number) => randomMatrix(rand, kh, kw, -1, 1);
  return [
    { label: 'luma a', reads: 'luma', K: [k(3, 3)] },
    { label: 'rgb a', reads: 'rgb', K: [k(3, 3), k(3, 3), k(3, 3)] },
    { label: 'luma b', reads: 'luma', K: [k(3, 3)] },
    { label: 'luma 2×5', reads: 'luma', K: [k(2, 5)] },
    { label: 'R', reads: 'R', K: [k(3, 3)] },
    { label: 'G', reads: 'G', K: [k(3, 3)] },
    { label: 'B 1×1', reads: 'B', K: [k(1, 1)] },
    { label: 'rgb b', reads: 'rgb', K: [k(3, 3), k(3, 3), k(3, 3)] },
  ];
}

type Ok = Extract<GalleryMap, { Y: Float32Array }>;

function ok(m: GalleryMap): Ok {
  assert.ok(!('error' in m), JSON.stringify(m));
  return m;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'length');
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Batched maps equal per-plane maps (Y, range, geometry) and shares at every pixel sum to Y there. */
function sameMaps(batched: GalleryMap[], perPlane: GalleryMap[]): void {
  assert.equal(batched.length, perPlane.length);
  batched.forEach((b0, q) => {
    const b = ok(b0);
    const p = ok(perPlane[q]);
    const what = b.filter.label;
    assert.deepEqual([b.geom.outH, b.geom.outW], [p.geom.outH, p.geom.outW], `${what}: geometry`);
    assert.ok(maxDiff(b.Y, p.Y) <= TOL, `${what}: Y differs by ${maxDiff(b.Y, p.Y)}`);
    for (const end of ['min', 'max', 'm'] as const)
      assert.ok(Math.abs(b.range[end] - p.range[end]) <= TOL, `${what}: range ${end}`);
    assert.deepEqual(b.range, valueRange(b.Y), `${what}: the SIMD scan gives the range of the Y it hands out`);
    for (let i = 0; i < b.geom.outH; i++)
      for (let j = 0; j < b.geom.outW; j++) {
        const shares = b.partsAt(i, j);
        assert.equal(shares.length, b.filter.reads === 'rgb' ? 3 : 1, `${what}: one share per plane read`);
        const sum = shares.reduce((s, v) => s + v, 0);
        const at = b.Y[i * b.geom.outW + j];
        assert.ok(Math.abs(sum - at) <= TOL, `${what} [${i}, ${j}]: shares sum to ${sum}, Y = ${at}`);
        const ref = p.partsAt(i, j);
        assert.ok(maxDiff(shares, ref) <= TOL, `${what} [${i}, ${j}]: shares ${shares} vs per-plane ${ref}`);
      }
  });
}

describe('edges gallery: multi-channel calls vs one call per plane', () => {
  for (const [h, w] of [
    [9, 11],
    [40, 33],
    [5, 5],
  ]) {
    test(`x=[3,${h},${w}] + luma; luma k=3×3 ×2 and 2×5, R/G 3×3, B 1×1, rgb k=[2,3,3,3]; valid, tol ${TOL}`, async () => {
      const input = randomInput(h * 1000 + w, h, w);
      const filters = mixedFilters(h + w);
      const model = new EdgesModel(fastBackend());
      assert.ok(model.galleryBatch(), 'the fast path in Node is wasm-simd: the batch must run');
      const batched = await galleryMaps(model, { input, filters });
      const perPlane = await perPlaneMaps(new EdgesModel(fastBackend()), { input, filters });
      sameMaps(batched, perPlane);
    });
  }

  test('x=[3,12,14]: a kernel edit and a new input are followed although Y buffers are reused; old maps are views', async () => {
    const model = new EdgesModel(fastBackend());
    const filters = mixedFilters(7);
    const first = randomInput(1, 12, 14);
    const before = (await galleryMaps(model, { input: first, filters })).map((m) => Float32Array.from(ok(m).Y));
    filters[1].K[2][1][1] += 0.5;
    filters[0].K[0][0][0] -= 0.25;
    const edited = await galleryMaps(model, { input: first, filters });
    sameMaps(edited, await perPlaneMaps(new EdgesModel(fastBackend()), { input: first, filters }));
    assert.ok(maxDiff(ok(edited[1]).Y, before[1]) > 1e-3, 'the edited rgb map changed');
    assert.ok(maxDiff(ok(edited[2]).Y, before[2]) <= TOL, 'an untouched map is the same');
    const second = randomInput(2, 12, 14);
    sameMaps(
      await galleryMaps(model, { input: second, filters }),
      await perPlaneMaps(new EdgesModel(fastBackend()), { input: second, filters }),
    );
  });

  test('x=[1,4,4] gray: colour filters and a 5×5 kernel say why; the luma maps are still made', async () => {
    const input: Input = { plane: { data: Float32Array.from({ length: 16 }, (_, i) => i), h: 4, w: 4 } };
    const filters: GalleryFilter[] = [
      { label: 'R − G', reads: 'rgb', K: [[[1]], [[-1]], [[0]]] },
      { label: 'box', reads: 'luma', K: [[[1, 1]]] },
      { label: 'on R', reads: 'R', K: [[[1]]] },
      { label: 'big', reads: 'luma', K: [Array.from({ length: 5 }, () => [1, 1, 1, 1, 1])] },
    ];
    const [rg, box, onR, big] = await galleryMaps(new EdgesModel(fastBackend()), { input, filters });
    assert.ok('error' in rg && /R − G reads colour channels; this X has none/.test(rg.error), JSON.stringify(rg));
    assert.ok('error' in onR && /on R reads colour channels/.test(onR.error), JSON.stringify(onR));
    assert.ok('error' in big && /5/.test(big.error), JSON.stringify(big));
    const b = ok(box);
    assert.deepEqual(Array.from(b.Y), [1, 3, 5, 9, 11, 13, 17, 19, 21, 25, 27, 29]);
    assert.deepEqual(b.partsAt(1, 2), [13]);
  });

  test('an rgb filter with two kernels, or kernels of unequal size, names the filter and the kernel', async () => {
    const input = randomInput(3, 6, 6);
    const filters: GalleryFilter[] = [
      { label: 'two', reads: 'rgb', K: [[[1]], [[1]]] },
      { label: 'ragged', reads: 'rgb', K: [[[1, 1]], [[1, 1]], [[1]]] },
    ];
    const [two, ragged] = await galleryMaps(new EdgesModel(fastBackend()), { input, filters });
    assert.ok('error' in two && /two: has 2 kernels, reading rgb needs 3/.test(two.error), JSON.stringify(two));
    assert.ok('error' in ragged && /ragged: kernel 2 is not 1×2/.test(ragged.error), JSON.stringify(ragged));
  });
});

describe('edges: the panel’s Y in wasm memory (EdgesModel.compute computes beside the one on screen)', () => {
  test('x=[40,37]: kernels in turn are right, the shown Y is never written nor detached, instances alternate, a failure changes nothing', async () => {
    const model = new EdgesModel(fastBackend());
    const input = randomInput(21, 40, 37);
    const x = { data: input.plane.data, h: 40, w: 37 };
    const want = (K: number[][], p = x) => Float32Array.from(corr2dReference(fromFlat(p.data, p.h, p.w), K).flat());
    const kernels = [0, 1, 2].map((s) => randomMatrix(mulberry32(30 + s), 3, 3));
    const a = await model.compute({ input, K: kernels[0] });
    const aValues = Float32Array.from(a.Y);
    const b = await model.compute({ input, K: kernels[1] });
    assert.notEqual(b.Y.buffer, a.Y.buffer, 'the second result is made on the other instance');
    assert.deepEqual(a.Y, aValues, 'the first result is untouched while the second is made');
    await assert.rejects(model.compute({ input, K: randomMatrix(mulberry32(5), 41, 3) }), /larger than/);
    const bValues = Float32Array.from(b.Y);
    const c = await model.compute({ input, K: kernels[2] });
    assert.equal(c.Y.buffer, a.Y.buffer, 'the third result is made where the first was');
    assert.deepEqual(b.Y, bValues, 'the result on screen is untouched, even after a failed compute');
    for (const [out, K] of [
      [b, kernels[1]],
      [c, kernels[2]],
    ] as const)
      assert.ok(maxDiff(out.Y, want(K)) <= TOL * 9, `Y differs by ${maxDiff(out.Y, want(K))}`);
    const d = await model.compute({ input, K: [[1, -1]] });
    assert.equal(d.Y.length, 40 * 36, 'another output size');
    assert.ok(maxDiff(d.Y, want([[1, -1]])) <= TOL);
    // A photo 100× larger: its instance's memory grows, which would detach a view of it; the one on screen is not there.
    const dValues = Float32Array.from(d.Y);
    const big = randomInput(22, 400, 370);
    const e = await model.compute({ input: big, K: kernels[0] });
    assert.equal(d.Y.length, 40 * 36, 'the result on screen is not detached by the larger photo');
    assert.deepEqual(d.Y, dValues, 'nor changed');
    const xb = { data: big.plane.data, h: 400, w: 370 };
    assert.ok(maxDiff(e.Y, want(kernels[0], xb)) <= TOL * 9);
    const f = await model.compute({ input: big, K: kernels[1] });
    assert.equal(e.Y.length, 398 * 368, 'the larger photo on the other instance leaves e alone too');
    assert.ok(maxDiff(f.Y, want(kernels[1], xb)) <= TOL * 9);
  });
});
