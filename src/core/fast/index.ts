// The fast cross-correlation the product uses on CPU-only machines: WebAssembly SIMD when the page may compile it,
// plain JavaScript otherwise; rank-1 kernels from 5×5 up go through two 1-D passes. Measured against OpenCV and
// tfjs by `npm run bench` (bench/last-run.md). Pure typed arrays: no DOM, no tfjs, no vscode.

import { corr2dGradJs, corr2dJs } from './js';
import { checkPlane, validShape, type Plane } from './plane';
import { rankOneFactors } from './separable';
import { WasmCorr } from './wasm';

export { fromPlane, toPlane, type Plane } from './plane';
export { rankOneFactors, type Factors } from './separable';
export { FastKernelLearner } from './learn';

/** Which engine runs the loops. */
export type FastPath = 'wasm-simd' | 'js';

/** Valid cross-correlation and its kernel gradient on the fastest engine available here. */
export class FastCorr2d {
  private image: Plane | undefined;
  /** The plane whose values sit in wasm memory now (a separable pass or `grad` replaces the loaded image). */
  private resident: Plane | undefined;

  private constructor(private readonly wasm: WasmCorr | undefined) {}

  /** Picks WebAssembly SIMD when it compiles here, else JavaScript; `prefer: 'js'` forces JavaScript. */
  static create(prefer: FastPath = 'wasm-simd'): FastCorr2d {
    return new FastCorr2d(prefer === 'wasm-simd' ? WasmCorr.create() : undefined);
  }

  /** The engine in use (show it beside the tfjs backend badge). */
  get path(): FastPath {
    return this.wasm ? 'wasm-simd' : 'js';
  }

  /**
   * Valid cross-correlation (d2l §7.2.1 `corr2d`): `x: [h, w]`, `k: [kh, kw]` → `[h − kh + 1, w − kw + 1]`, float32.
   * Rank-1 kernels of 5×5 and larger run as a row pass then a column pass (fewer products, same result up to
   * float32 round-off). Writes into `out` when given. Throws "corr2dFast: …" for bad shapes or a kernel larger than x.
   */
  corr(x: Plane, k: Plane, out?: Float32Array): Float32Array {
    validShape('corr2dFast', x, k);
    this.load(x);
    return this.corrLoaded(k, out);
  }

  /** Keeps `x` for `corrLoaded` (on wasm: copied into linear memory once, so kernel edits skip the copy). */
  load(x: Plane): void {
    checkPlane('corr2dFast', 'input', x);
    this.image = x;
    this.resident = undefined;
  }

  /** `corr` against the image given to `load`; throws "corr2dFast: no image loaded" before the first `load`. */
  corrLoaded(k: Plane, out?: Float32Array): Float32Array {
    const x = this.image;
    if (!x) throw new Error('corr2dFast: no image loaded');
    validShape('corr2dFast', x, k);
    const f = k.h * k.w >= 2 * (k.h + k.w) ? rankOneFactors(k) : undefined;
    if (!f) return this.correlate(x, k, out);
    const rows: Plane = { data: this.correlate(x, f.v), h: x.h, w: x.w - k.w + 1 };
    return this.correlate(rows, f.u, out);
  }

  private correlate(x: Plane, k: Plane, out?: Float32Array): Float32Array {
    if (!this.wasm) return corr2dJs(x, k, out);
    if (this.resident !== x) {
      this.wasm.load(x);
      this.resident = x;
    }
    return this.wasm.corrLoaded(k, out);
  }

  /**
   * `grad` with `x` = the image given to `load`, which stays in wasm memory between steps (gradient descent then
   * copies only K and the residual per step). Throws "corr2dGrad: no image loaded" before the first `load`.
   */
  gradLoaded(r: Plane): Float32Array {
    const x = this.image;
    if (!x) throw new Error('corr2dGrad: no image loaded');
    if (!this.wasm) return corr2dGradJs(x, r);
    if (this.resident !== x) {
      this.wasm.load(x);
      this.resident = x;
    }
    return this.wasm.gradLoaded(r);
  }

  /**
   * Kernel gradient of L = Σ (corr2d(X, K) − Y)² from the residual `r = Ŷ − Y`: `∂L/∂K = 2·corr2d(X, r)`,
   * `x: [h, w]`, `r: [oh, ow]` → `[h − oh + 1, w − ow + 1]` (d2l §7.2.5). Throws "corr2dGrad: …".
   */
  grad(x: Plane, r: Plane): Float32Array {
    if (!this.wasm) return corr2dGradJs(x, r);
    this.resident = undefined;
    return this.wasm.grad(x, r);
  }
}
