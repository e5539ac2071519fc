// A feature map split across cores: the page's own engine computes the first band of output rows while Web Workers
// (./worker.ts) compute the others, each on its own copy of the image. Small problems stay on the page's thread, where
// a message round trip would cost more than it saves. Same results as FastCorr2d (each band is the same kernel on the
// same rows).

import { chooseRoute, type CorrRoute, type FastCorr2d } from './engine';
import { checkPlane, validShape, type Plane } from './plane';
import type { FastReply, FastRequest, WorkerLike } from './worker-protocol';

/**
 * The least work, in products net of the copies, worth a split: about 0.2 ms on one core. A split saves the worker's
 * share of the products but adds a message round trip and two copies of the worker's band (out of its wasm memory,
 * then into the caller's array), which cost about `COPY_PRODUCTS` products per output. So a correlation splits when
 * oh·ow·(kh·kw − COPY_PRODUCTS) ≥ this. From the bench grid: 512²×3×3, 256²×7×7 and 1024²×3×3 ran slower split (the
 * last 1.4–1.55× in three grids of four), 512²×5×5, 512²×7×7 and 2048²×3×3 faster.
 */
export const PARALLEL_MIN_PRODUCTS = 1 << 22;

/** What the two copies of one output cost, in products (see PARALLEL_MIN_PRODUCTS); 1×1 … 2×3 kernels never split. */
export const COPY_PRODUCTS = 6;

/**
 * A worker that has not answered a request after this long counts as failed (a worker can hang or be killed without
 * an error event); the page then computes alone. The largest split band (a 10×10 kernel over half of an 8000² photo)
 * takes about a second here.
 */
export const WORKER_TIMEOUT_MS = 15_000;

// The core has no DOM or Node typings: the timer functions both provide.
const timers = globalThis as unknown as {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(t: unknown): void;
};

/** How the last `corr` ran: its route and the number of threads (1 = the page's own). */
export interface ParallelRoute {
  route: CorrRoute;
  threads: number;
}

/**
 * Valid cross-correlation (d2l §7.2.1) of a loaded image `[h, w]` by kernels `[kh, kw]` → `[h − kh + 1, w − kw + 1]`,
 * split by output rows over the page's engine and `workers`. Asynchronous because the workers answer by message.
 */
export class ParallelCorr2d {
  private image: Plane | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: FastReply) => void; reject: (e: Error) => void }>();
  /** Set when a worker failed (its error event): from then on every correlation runs on the page's engine. */
  broken: string | undefined;
  /** Per worker, the band buffer it last sent back (reused while the band size stays the same). */
  private readonly bands: (Float32Array | undefined)[] = [];
  /** Route and threads of the last `corr`. */
  last: ParallelRoute = { route: 'direct', threads: 1 };

  /** `engine` runs the page's band (and everything small); `workers` answer FastRequests (./worker.ts). */
  constructor(
    readonly engine: FastCorr2d,
    private readonly workers: readonly WorkerLike[],
    private readonly minProducts = PARALLEL_MIN_PRODUCTS,
    private readonly timeoutMs = WORKER_TIMEOUT_MS,
  ) {
    for (const w of workers) {
      w.onmessage = (e) => this.settle(e.data);
      w.onerror = (e) => this.fail(e);
    }
  }

  /** Threads a large correlation uses: the page's plus one per worker. */
  get threads(): number {
    return 1 + this.workers.length;
  }

  /**
   * Keeps `x` on the page's engine and sends each worker a copy (once per image: kernel edits then send only K).
   * Resolves when every worker holds it, or when one failed (the page then computes alone). Throws "corr2dFast:
   * input …" for a malformed plane.
   */
  async load(x: Plane): Promise<void> {
    checkPlane('corr2dFast', 'input', x);
    this.image = x;
    this.engine.load(x);
    if (this.broken) return;
    const loads = this.workers.map((w) =>
      this.request(w, { type: 'load', id: 0, data: x.data.slice(), h: x.h, w: x.w }),
    );
    // A worker that cannot hold the image (its error reply, e.g. out of memory) must not be sent bands of it.
    await Promise.all(loads).catch((e: unknown) => this.fail(e));
  }

  /**
   * `x ⋆ k` for the loaded `x`, into `out` when given. Rank-1 kernels, FFT-route kernels, 1×1 and small problems
   * (oh·ow·(kh·kw − COPY_PRODUCTS) < `minProducts`) run on the page's engine alone; otherwise output rows are split in
   * equal bands, the first on the page. Throws "corr2dFast: …" like FastCorr2d.
   */
  async corr(k: Plane, out?: Float32Array): Promise<Float32Array> {
    const { route, oh, ow, bounds } = this.plan(k);
    if (!bounds) return this.engine.corrLoaded(k, out);
    const y = out ?? new Float32Array(oh * ow);
    if (y.length !== oh * ow) throw new Error(`corr2dFast: output buffer has ${y.length} values, expected ${oh}×${ow}`);
    const page = () => (this.engine.corrRows(k, 0, bounds[1], y.subarray(0, bounds[1] * ow)), y);
    return this.split(k, { route, ow, bounds }, page, () => this.engine.corrLoaded(k, y));
  }

  /**
   * `corr` left in wasm memory (FastCorr2d.corrKept): valid while it is the result on screen, `shown`; the next call
   * computes on the engine's other instance. The page's band is computed in place and the workers' bands copied in:
   * one copy of the output fewer than `corr` into a JavaScript array. One call at a time.
   */
  async corrKept(k: Plane, shown?: Float32Array): Promise<Float32Array> {
    const { route, ow, bounds } = this.plan(k);
    if (!bounds) return this.engine.corrKept(k, shown);
    const page = () => this.engine.corrKept(k, shown, bounds[1]);
    return this.split(k, { route, ow, bounds }, page, () => this.engine.corrKept(k, shown));
  }

  /** Route, sizes and (when it splits) the row bounds of each thread's band; validates like FastCorr2d. */
  private plan(k: Plane): { route: CorrRoute; oh: number; ow: number; bounds?: number[] } {
    const x = this.image;
    if (!x) throw new Error('corr2dFast: no image loaded');
    const [oh, ow] = validShape('corr2dFast', x, k);
    const { route } = chooseRoute(k, x);
    const threads = Math.min(this.threads, oh);
    // Kernels of COPY_PRODUCTS taps or fewer never split, whatever the floor: a 1×1 kernel is a scaled copy, bound by
    // memory, and a second thread only adds the band's copies (bench grid, 2048² and 4096²: slower split).
    const small = oh * ow * (k.h * k.w - COPY_PRODUCTS) < this.minProducts || k.h * k.w <= COPY_PRODUCTS;
    if (route !== 'direct' || threads === 1 || small || this.broken) {
      this.last = { route, threads: 1 };
      return { route, oh, ow };
    }
    return { route, oh, ow, bounds: Array.from({ length: threads + 1 }, (_, t) => Math.round((t * oh) / threads)) };
  }

  /**
   * Sends the workers their bands, then runs `page` (the page's band, computed into the output it returns) while they
   * compute, and copies each worker's band into that output as it arrives (replies are messages: after `page`). When
   * a worker fails, `alone` computes the whole map on the page instead.
   */
  private async split(
    k: Plane,
    plan: { route: CorrRoute; ow: number; bounds: number[] },
    page: () => Float32Array,
    alone: () => Float32Array,
  ): Promise<Float32Array> {
    const { route, ow, bounds } = plan;
    const x = this.image;
    // Set by `page` before any reply can arrive (replies are messages, handled after this call returns to the loop).
    const out: { y?: Float32Array } = {};
    const replies = this.workers.slice(0, bounds.length - 2).map((w, t) => {
      const row0 = bounds[t + 1];
      const rows = bounds[t + 2] - row0;
      const kept = this.bands[t];
      this.bands[t] = undefined; // transferred: detached here until the worker sends it back
      const band = kept?.length === rows * ow ? kept : new Float32Array(rows * ow);
      const req: FastRequest = { type: 'corr', id: 0, k: k.data.slice(), kh: k.h, kw: k.w, row0, rows, y: band };
      return this.request(w, req).then((r) => {
        if (r.type !== 'band' || !out.y) throw new Error('corr2dFast worker: unexpected reply');
        out.y.set(r.y, row0 * ow);
        this.bands[t] = r.y;
      });
    });
    const y = (out.y = page());
    try {
      await Promise.all(replies);
    } catch (e) {
      // A worker died or answered with an error mid-call: stop using the workers (fail() also rejects the other
      // bands, so none lands in y later) and compute the whole map here, for the image this call started with.
      this.fail(e);
      if (this.image !== x) throw new Error('corr2dFast: a new image was loaded while a worker failed; call again');
      this.last = { route, threads: 1 };
      return alone();
    }
    this.last = { route, threads: bounds.length - 1 };
    return y;
  }

  /** A worker failed: reject what waits on any worker and run on the page's engine from now on. */
  private fail(event: unknown): void {
    if (this.broken) return; // the first failure is the one to report
    const message = (event as { message?: unknown } | undefined)?.message;
    this.broken = `a fast-path worker failed${typeof message === 'string' && message ? `: ${message}` : ''}`;
    for (const p of this.pending.values()) p.reject(new Error(`corr2dFast: ${this.broken}`));
    this.pending.clear();
  }

  private request(w: WorkerLike, req: FastRequest): Promise<FastReply> {
    const id = this.nextId++;
    return new Promise<FastReply>((resolve, reject) => {
      const timer = timers.setTimeout(
        () => this.fail({ message: `no answer within ${this.timeoutMs / 1000} s` }),
        this.timeoutMs,
      );
      const done = () => timers.clearTimeout(timer);
      this.pending.set(id, {
        resolve: (r) => (done(), r.type === 'error' ? reject(new Error(r.message)) : resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      const transfer = (req.type === 'load' ? [req.data.buffer] : [req.k.buffer, req.y.buffer]) as ArrayBuffer[];
      w.postMessage({ ...req, id }, transfer);
    });
  }

  private settle(reply: FastReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    p.resolve(reply);
  }
}
