// The fast path's routes beyond the direct kernel — overlap-save FFT tiles for large kernels, the split of a feature
// map over Web Workers (ParallelCorr2d, here with in-process workers speaking the same messages) — against the
// float64 plain-loop reference. Float32 values in [−1, 1]; tolerance 1e-5·kh·kw as for the direct kernel (the FFT's
// round-off grows with log₂(tile)·‖x‖·‖k‖, far below that bound at these sizes).
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FastCorr2d, chooseRoute, fromPlane, type Plane } from '../../src/core/fast';
import { ParallelCorr2d } from '../../src/core/fast/parallel';
import { WasmCorr, type WasmVariant } from '../../src/core/fast/wasm';
import {
  FastWorkerState,
  type FastReply,
  type FastRequest,
  type WorkerLike,
} from '../../src/core/fast/worker-protocol';
import { FAST_WORKER_SOURCE } from '../../src/core/fast/generated/worker-source';
import { corr2dReference } from '../../src/core/reference';
import { fromFlat } from '../../src/core/matrix';
import { mulberry32 } from '../../src/core/random';
import { assertMatrixClose } from './helpers/assert';
import { ENGINES } from './helpers/fast';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

function plane(h: number, w: number, seed: number): Plane {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: h * w }, () => next() * 2 - 1), h, w };
}

function check(y: Float32Array, x: Plane, k: Plane, what: string): void {
  const want = corr2dReference(fromPlane(x), fromPlane(k));
  assertMatrixClose(fromFlat(y, x.h - k.h + 1, x.w - k.w + 1), want, 1e-5 * k.h * k.w, what);
}

describe('chooseRoute', () => {
  const x = { h: 512, w: 512 };
  test('K=[3,3] random → direct; K=[7,7] random → direct; K=[11,11] box → separable', () => {
    assert.equal(chooseRoute(plane(3, 3, 1), x).route, 'direct');
    assert.equal(chooseRoute(plane(7, 7, 1), x).route, 'direct');
    assert.equal(chooseRoute({ data: new Float32Array(121).fill(1 / 121), h: 11, w: 11 }, x).route, 'separable');
  });
  test('K=[11,11] random → fft on 64² tiles; K=[15,15] and [64,64] → 128² tiles, [7,65] → 256², [129,129] → 512²; without an input or fft disabled → direct', () => {
    assert.deepEqual(chooseRoute(plane(11, 11, 2), x), { route: 'fft', tile: 64 });
    assert.deepEqual(chooseRoute(plane(15, 15, 2), x), { route: 'fft', tile: 128 });
    assert.deepEqual(chooseRoute(plane(64, 64, 2), x), { route: 'fft', tile: 128 });
    assert.deepEqual(chooseRoute(plane(7, 65, 2), x), { route: 'fft', tile: 256 });
    assert.deepEqual(chooseRoute(plane(129, 129, 2), x), { route: 'fft', tile: 512 });
    assert.equal(chooseRoute(plane(11, 11, 2)).route, 'direct');
    assert.equal(chooseRoute(plane(11, 11, 2), x, false).route, 'direct');
  });
});

for (const [name, make] of ENGINES.filter(([n]) => n.startsWith('wasm'))) {
  describe(`FFT route, ${name}`, () => {
    const fast = make();
    const cases: [number, number, number, number][] = [
      [11, 11, 100, 130], // several 64² tiles, partial last row and column of tiles
      [11, 11, 11, 11], // one output
      [15, 15, 300, 257], // 128² tiles, an odd number of them (the last pair has an empty half)
      [11, 13, 64, 64], // exactly one tile wide
      [12, 20, 70, 200], // wide kernel, tile 64 ≥ 20
      [16, 16, 130, 140],
      [7, 200, 20, 300], // a side over 128: tile 512
    ];
    for (const [kh, kw, h, w] of cases) {
      test(`x=[${h},${w}] k=[${kh},${kw}] valid s=1 → fft, equals the float64 loop within 1e-5·kh·kw`, () => {
        const x = plane(h, w, h * 7 + w);
        const k = plane(kh, kw, kh * 13 + kw);
        fast.load(x);
        const y = fast.corrLoaded(k);
        assert.equal(fast.lastRoute, 'fft');
        check(y, x, k, `fft x=[${h},${w}] k=[${kh},${kw}]`);
      });
    }
    // Every tile side the radix-4 transforms handle: log₂ even (radix-4 passes only) and odd (one radix-2 pass too),
    // kernels from 1×2 to the tile's own side (one valid output per tile).
    for (const tile of [4, 8, 16, 32, 64, 128, 256]) {
      test(`WasmCorr.corrFftView on ${tile}² tiles: kernels up to ${tile}×${tile} = the float64 loop`, () => {
        const wasm = WasmCorr.create([make().variant as WasmVariant]);
        assert.ok(wasm);
        const x = plane(tile + 37, 2 * tile + 5, tile);
        wasm.load(x);
        for (const [kh, kw] of [
          [1, 2],
          [3, 3],
          [tile >> 1, tile],
          [tile, tile],
        ]) {
          const k = plane(kh, kw, tile + kh);
          check(wasm.corrFftView(k, tile).slice(), x, k, `tile ${tile} k=[${kh},${kw}]`);
        }
      });
    }
    test('corrView after an FFT call and a direct call: each equals the reference (scratch memory reused)', () => {
      const x = plane(90, 77, 5);
      fast.load(x);
      for (const k of [plane(11, 11, 6), plane(3, 3, 7), plane(15, 15, 8)])
        check(fast.corrView(k).slice(), x, k, `k=${k.h}`);
    });
  });
}

describe('1×1 kernels: a scaled copy', () => {
  for (const [name, make] of ENGINES) {
    test(`${name}: x=[7,13], x=[33,41], x=[1,3] k=[1,1] = reference; rows 5..9 of x=[33,41]`, () => {
      const fast = make();
      for (const [h, w] of [
        [7, 13],
        [33, 41],
        [1, 3],
      ]) {
        const x = plane(h, w, h + w);
        const k = plane(1, 1, 3);
        fast.load(x);
        check(fast.corrLoaded(k), x, k, `x=[${h},${w}]`);
        if (h === 33) {
          const band = fast.corrRows(k, 5, 5);
          assert.deepEqual(
            Array.from(band),
            Array.from(x.data.subarray(5 * 41, 10 * 41), (v) => Math.fround(v * k.data[0])),
          );
        }
      }
    });
  }
});

describe('corrRows: a band of output rows equals those rows of corrLoaded', () => {
  for (const [name, make] of ENGINES) {
    test(`${name}: x=[40,33] k=[5,4] rows 7..22 and 0..0; rows outside → "corr2dFast: output rows …"`, () => {
      const fast = make();
      const x = plane(40, 33, 1);
      const k = plane(5, 4, 2);
      fast.load(x);
      const all = fast.corrLoaded(k);
      const ow = 30;
      assert.deepEqual(Array.from(fast.corrRows(k, 7, 16)), Array.from(all.subarray(7 * ow, 23 * ow)));
      assert.deepEqual(Array.from(fast.corrRows(k, 0, 1)), Array.from(all.subarray(0, ow)));
      assert.throws(() => fast.corrRows(k, 30, 7), /corr2dFast: output rows 30\.\.36 are outside 0\.\.35/);
    });
  }
});

/** A worker living in this thread: structured clones and a macrotask hop, like postMessage between threads. */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: { data: FastReply }) => void) | null = null;
  requests = 0;
  private readonly state = new FastWorkerState(FastCorr2d.create());
  postMessage(message: FastRequest): void {
    this.requests++;
    const copy = structuredClone(message);
    setImmediate(() => {
      const { reply } = this.state.handle(copy);
      this.onmessage?.({ data: structuredClone(reply) });
    });
  }
}

describe('ParallelCorr2d with in-process workers', () => {
  const shapes: [number, number, number, number, number][] = [
    [1, 61, 47, 3, 3],
    [2, 61, 47, 3, 3],
    [2, 20, 30, 7, 5],
    [3, 9, 40, 5, 5], // more threads than a band of ≥ 1 row each would need
  ];
  for (const [workers, h, w, kh, kw] of shapes) {
    test(`${workers} worker(s): x=[${h},${w}] k=[${kh},${kw}] split by rows over ${workers + 1} threads = reference`, async () => {
      const ws = Array.from({ length: workers }, () => new InProcessWorker());
      const par = new ParallelCorr2d(FastCorr2d.create(), ws, 0);
      const x = plane(h, w, h + w);
      await par.load(x);
      for (const seed of [1, 2]) {
        const k = plane(kh, kw, seed);
        const out = new Float32Array((h - kh + 1) * (w - kw + 1));
        const y = await par.corr(k, out);
        assert.equal(y, out);
        assert.equal(par.last.threads, Math.min(workers + 1, h - kh + 1));
        check(y, x, k, `seed ${seed}`);
      }
      assert.ok(
        ws.every((wk) => wk.requests === 3),
        'one load and two corr requests per worker',
      );
    });
  }

  test('a split needs oh·ow·(kh·kw − 6) ≥ the floor: x=[20,20], floor 1000 → 3×3 (972) alone, 5×5 (4864) split', async () => {
    const wk = new InProcessWorker();
    const par = new ParallelCorr2d(FastCorr2d.create(), [wk], 1000);
    const x = plane(20, 20, 9);
    await par.load(x);
    const k3 = plane(3, 3, 10);
    check(await par.corr(k3), x, k3, '3×3');
    assert.equal(par.last.threads, 1, '3×3: 18²·(9 − 6) = 972 < 1000');
    const k5 = plane(5, 5, 11);
    check(await par.corr(k5), x, k5, '5×5');
    assert.equal(par.last.threads, 2, '5×5: 16²·(25 − 6) = 4864 ≥ 1000');
    const big = plane(60, 60, 12);
    await par.load(big);
    check(await par.corr(k3), big, k3, '3×3 on 60²');
    assert.equal(par.last.threads, 2, '3×3 on 60²: 58²·3 = 10092 ≥ 1000');
    const k2x3 = plane(2, 3, 13);
    const none = new ParallelCorr2d(FastCorr2d.create(), [wk], 0);
    await none.load(big);
    check(await none.corr(k2x3), big, k2x3, '2×3 with no floor');
    assert.equal(none.last.threads, 1, '2×3 (6 taps) never splits');
    const k1x7 = plane(1, 7, 14);
    check(await none.corr(k1x7), big, k1x7, '1×7 with no floor');
    assert.equal(none.last.threads, 2, '1×7 (7 taps) splits with no floor');
  });

  test('corrKept: split into wasm memory = reference; the result on screen stays intact through the next calls', async () => {
    const wk = new InProcessWorker();
    const par = new ParallelCorr2d(FastCorr2d.create(), [wk], 0);
    const x = plane(61, 47, 40);
    await par.load(x);
    const k = plane(3, 3, 41);
    const a = await par.corrKept(k);
    assert.equal(par.last.threads, 2);
    check(a, x, k, 'split, kept');
    const aValues = Float32Array.from(a);
    const shown = await par.corrKept(plane(5, 5, 42), a);
    check(shown, x, plane(5, 5, 42), 'split, kept, other instance');
    assert.deepEqual(a, aValues, 'a is untouched by the next call');
    const shownValues = Float32Array.from(shown);
    const big = plane(300, 280, 43);
    await par.load(big);
    const c = await par.corrKept(plane(7, 7, 44), shown);
    check(c, big, plane(7, 7, 44), 'a larger image, kept');
    assert.deepEqual(shown, shownValues, 'the result on screen survives a larger image (not detached, not written)');
  });

  test('small problems, 1×1, rank-1 and FFT-route kernels stay on the page: threads 1, no corr request sent', async () => {
    const wk = new InProcessWorker();
    const par = new ParallelCorr2d(FastCorr2d.create(), [wk]);
    const x = plane(200, 210, 3);
    await par.load(x);
    const box: Plane = { data: new Float32Array(49).fill(1 / 49), h: 7, w: 7 };
    const oneByOne = new ParallelCorr2d(FastCorr2d.create(), [wk], 0);
    await oneByOne.load(x);
    check(await oneByOne.corr(plane(1, 1, 6)), x, plane(1, 1, 6), 'k=1 with no size floor');
    assert.equal(oneByOne.last.threads, 1, 'a 1×1 kernel stays on the page even with no size floor');
    for (const k of [plane(3, 3, 4), box, plane(11, 11, 5)]) {
      check(await par.corr(k), x, k, `k=${k.h}`);
      assert.equal(par.last.threads, 1);
    }
    assert.deepEqual([par.last.route, wk.requests], ['fft', 2], 'the two loads only');
  });

  test('a worker that fails (its error event, e.g. a CSP refusing blob: workers) mid-call: the page computes the whole map, and every later call', async () => {
    const posted: string[] = [];
    const silent: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m) => void posted.push(m.type), // never answers, like a worker whose script was blocked
    };
    const par = new ParallelCorr2d(FastCorr2d.create(), [silent], 0);
    const x = plane(40, 37, 8);
    void par.load(x).catch(() => undefined);
    const k = plane(3, 3, 9);
    const pending = par.corr(k);
    silent.onerror?.({ message: 'Refused to create a worker' });
    check(await pending, x, k, 'after the failure mid-call');
    assert.deepEqual([par.last.threads, par.broken], [1, 'a fast-path worker failed: Refused to create a worker']);
    check(await par.corr(plane(5, 5, 10)), x, plane(5, 5, 10), 'a later call');
    assert.deepEqual(posted, ['load', 'corr'], 'nothing more is sent to a failed worker');
  });

  for (const failing of ['load', 'corr'] as const) {
    test(`a worker that answers its ${failing} with an error: the page computes the whole map, then works alone`, async () => {
      const wk = new InProcessWorker();
      const post = wk.postMessage.bind(wk);
      wk.postMessage = (m) => {
        if (m.type !== failing) return post(m);
        wk.requests++;
        setImmediate(() =>
          wk.onmessage?.({ data: { id: m.id, type: 'error', message: `no memory for the ${failing}` } }),
        );
      };
      const par = new ParallelCorr2d(FastCorr2d.create(), [wk], 0);
      const x = plane(41, 29, 12);
      await par.load(x);
      const k = plane(3, 4, 13);
      check(await par.corr(k), x, k, `after a failed ${failing}`);
      assert.equal(par.last.threads, 1);
      assert.match(par.broken ?? '', new RegExp(`no memory for the ${failing}`));
      const sent = wk.requests;
      check(await par.corr(plane(2, 2, 14)), x, plane(2, 2, 14), 'a later call');
      assert.equal(wk.requests, sent, 'nothing more is sent to a failed worker');
    });
  }

  test('a worker that never answers and fires no error event: after the timeout the page computes the whole map', async () => {
    const silent: WorkerLike = { onmessage: null, onerror: null, postMessage: () => undefined };
    const par = new ParallelCorr2d(FastCorr2d.create(), [silent], 0, 50);
    const x = plane(30, 33, 15);
    await par.load(x); // resolves: the timed-out load marks the worker failed
    assert.equal(par.broken, 'a fast-path worker failed: no answer within 0.05 s');
    const k = plane(3, 3, 16);
    check(await par.corr(k), x, k, 'after the timeout');
    assert.equal(par.last.threads, 1);
  });

  test('corr before load → "corr2dFast: no image loaded"; wrong out length → "output buffer has …"', async () => {
    const par = new ParallelCorr2d(FastCorr2d.create(), [new InProcessWorker()], 0);
    await assert.rejects(par.corr(plane(3, 3, 1)), /corr2dFast: no image loaded/);
    await par.load(plane(10, 10, 1));
    await assert.rejects(par.corr(plane(3, 3, 1), new Float32Array(5)), /output buffer has 5 values, expected 8×8/);
  });
});

/**
 * The generated worker script (src/core/fast/generated/worker-source.ts, what a webview starts from a blob: URL) in
 * a real Node thread: a two-line shim maps Node's parentPort onto the `onmessage` / `postMessage` a Web Worker has.
 */
function threadWorker(): WorkerLike & { terminate(): Promise<number> } {
  const shim =
    "const { parentPort } = require('node:worker_threads');" +
    'globalThis.postMessage = (m, t) => parentPort.postMessage(m, t);' +
    'parentPort.on("message", (data) => globalThis.onmessage({ data }));';
  const thread = new Worker(`${shim}\n${FAST_WORKER_SOURCE}`, { eval: true });
  const port: WorkerLike & { terminate(): Promise<number> } = {
    onmessage: null,
    postMessage: (m, transfer) => thread.postMessage(m, transfer),
    terminate: () => thread.terminate(),
  };
  thread.on('message', (data: FastReply) => port.onmessage?.({ data }));
  return port;
}

describe('ParallelCorr2d with the bundled worker script in a thread', () => {
  test('x=[300,257] k=[5,5] and k=[3,4]: the page and one thread = reference', async () => {
    const worker = threadWorker();
    try {
      const par = new ParallelCorr2d(FastCorr2d.create(), [worker], 0);
      const x = plane(300, 257, 8);
      await par.load(x);
      for (const k of [plane(5, 5, 9), plane(3, 4, 10)]) {
        check(await par.corr(k), x, k, `k=[${k.h},${k.w}]`);
        assert.equal(par.last.threads, 2);
      }
    } finally {
      await worker.terminate();
    }
  });
});
