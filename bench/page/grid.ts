// The cost-growth grid in the browser: the views' fast path (image resident, result read back into a JavaScript
// array) for every n² × k×k cell, with the route each cell took — on the page's thread alone, and split across the
// page and Web Workers started from a blob: URL as a webview would (ParallelCorr2d).
import { FastCorr2d, type Plane } from '../../src/core/fast';
import { ParallelCorr2d } from '../../src/core/fast/parallel';
import type { WorkerLike } from '../../src/core/fast/worker-protocol';
import { FAST_WORKER_SOURCE } from '../../src/core/fast/generated/worker-source';
import { mulberry32 } from '../../src/core/random';
import { summarise, timeBatched, type Timing } from '../lib';

/** A square plane of uniform values in [−1, 1] from `seed`. */
export function randomPlane(h: number, w: number, seed: number): Plane {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: h * w }, () => next() * 2 - 1), h, w };
}

/** `count` fast-path workers from a blob: URL of the bundled worker script (what a webview must do, too). */
export function fastWorkers(count: number): Worker[] {
  const url = URL.createObjectURL(new Blob([FAST_WORKER_SOURCE], { type: 'text/javascript' }));
  return Array.from({ length: count }, () => new Worker(url));
}

/** One cell: median ms, route, threads and the engine build, for one thread and for the split. */
export interface GridCell {
  n: number;
  k: number;
  single: Timing;
  /** `corrView`: the same result left in wasm memory as a Float32Array view (no copy out). */
  view: Timing;
  parallel: Timing;
  route: string;
  threads: number;
  variant: string;
}

/** Async `timeBatched`: each sample awaits `fn` as many times as fill about 4 ms. */
async function timeAsync(fn: () => Promise<unknown>, budgetMs: number): Promise<Timing> {
  await fn();
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < 4) {
    await fn();
    calls++;
  }
  let per = Math.max(1, Math.round((calls * 4) / Math.max(performance.now() - t0, 1e-3)));
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 200 && (times.length < 5 || performance.now() - start < budgetMs)) {
    const s = performance.now();
    for (let i = 0; i < per; i++) await fn();
    const took = performance.now() - s;
    if (took < 2) {
      per *= 2; // under the clock's resolution: call more, as timeBatched does
      continue;
    }
    times.push(took / per);
  }
  return summarise(times);
}

let engines: { fast: FastCorr2d; par: ParallelCorr2d } | undefined;

/**
 * Times each `[n, k]` with a full-rank random K (seeded by k), the image loaded once per n: `corrLoaded(K, out)` and
 * `corrView(K)` on the page's thread, and `ParallelCorr2d.corrKept(K, shown)` (Detect Edges' path) with `workers`
 * workers beside it.
 */
export async function grid(cases: [number, number][], budgetMs = 400, workers = 1): Promise<GridCell[]> {
  // The engines and workers live across calls: the benchmark times the grid one row of n at a time.
  engines ??= {
    fast: FastCorr2d.create(),
    par: new ParallelCorr2d(FastCorr2d.create(), fastWorkers(workers) as unknown as WorkerLike[]),
  };
  const { fast, par } = engines;
  const cells: GridCell[] = [];
  let loaded = -1;
  for (const [n, k] of cases) {
    if (loaded !== n) {
      const x = randomPlane(n, n, n);
      fast.load(x);
      await par.load(x);
      loaded = n;
    }
    const K = randomPlane(k, k, 1000 + k);
    const out = new Float32Array((n - k + 1) ** 2);
    const single = timeBatched(() => fast.corrLoaded(K, out), budgetMs);
    const route = fast.lastRoute;
    const view = timeBatched(() => fast.corrView(K)[0], budgetMs);
    // Detect Edges' path: the feature map stays in wasm memory, each call beside the one before (the one on screen).
    let shown: Float32Array | undefined;
    const parallel = await timeAsync(async () => (shown = await par.corrKept(K, shown)), budgetMs);
    cells.push({ n, k, single, view, parallel, route, threads: par.last.threads, variant: fast.variant ?? 'js' });
  }
  return cells;
}
