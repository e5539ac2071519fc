// FastCorr2d: the engine behind the fast path. It picks, per call, how a valid cross-correlation runs — a
// register-blocked direct kernel, two 1-D passes for a rank-1 kernel — on WebAssembly SIMD when the page may compile
// it, else in plain JavaScript. Pure typed arrays: no DOM, no tfjs, no vscode.

import { corr2dGradJs, corr2dJs } from './js';
import { checkPlane, validShape, type Plane } from './plane';
import { rankOneFactors } from './separable';
import { copyOut, WasmCorr, type WasmVariant } from './wasm';

/** Which engine runs the loops. */
export type FastPath = 'wasm-simd' | 'js';

/** How one cross-correlation was computed: all k² products, or a rank-1 kernel's row pass then column pass. */
export type CorrRoute = 'direct' | 'separable';

/**
 * The route for a `kh×kw` kernel `k`: 'separable' when it is rank 1 (within float32 round-off, `rankOneFactors`) and
 * two 1-D passes are cheaper than one 2-D pass (kh + kw < kh·kw / 2: 5×5 and larger), else 'direct'.
 */
export function chooseRoute(k: Plane): { route: CorrRoute; factors?: ReturnType<typeof rankOneFactors> } {
  if (k.h * k.w < 2 * (k.h + k.w)) return { route: 'direct' };
  const factors = rankOneFactors(k);
  return factors ? { route: 'separable', factors } : { route: 'direct' };
}

/** Valid cross-correlation and its kernel gradient on the fastest engine available here. */
export class FastCorr2d {
  private image: Plane | undefined;
  /** The route of the last `corr…` call (shown by the benchmark beside its time). */
  lastRoute: CorrRoute = 'direct';

  private constructor(private readonly wasm: WasmCorr | undefined) {}

  /**
   * Picks WebAssembly SIMD when it compiles here (relaxed SIMD with fused multiply-add first, then plain SIMD), else
   * JavaScript; `prefer: 'js'` forces JavaScript; `variants` restricts the wasm builds tried (tests use it).
   */
  static create(prefer: FastPath = 'wasm-simd', variants?: readonly WasmVariant[]): FastCorr2d {
    return new FastCorr2d(prefer === 'wasm-simd' ? WasmCorr.create(variants) : undefined);
  }

  /** The engine in use (show it beside the tfjs backend badge). */
  get path(): FastPath {
    return this.wasm ? 'wasm-simd' : 'js';
  }

  /** The wasm build in use ('relaxed-simd' or 'simd'), undefined on JavaScript. */
  get variant(): WasmVariant | undefined {
    return this.wasm?.variant;
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
    this.wasm?.load(x);
  }

  /** `corr` against the image given to `load`; throws "corr2dFast: no image loaded" before the first `load`. */
  corrLoaded(k: Plane, out?: Float32Array): Float32Array {
    if (!this.wasm) return this.corrJs(k, out);
    return copyOut(this.corrView(k), out);
  }

  /**
   * `corrLoaded` without the final copy when the engine is wasm: a view of the feature map inside wasm memory, valid
   * only until the next call on this engine (draw it or copy it at once). On JavaScript, a new array.
   */
  corrView(k: Plane): Float32Array {
    const x = this.image;
    if (!x) throw new Error('corr2dFast: no image loaded');
    validShape('corr2dFast', x, k);
    if (!this.wasm) return this.corrJs(k);
    const { route, factors } = chooseRoute(k);
    this.lastRoute = route;
    return factors ? this.wasm.corrSeparableView(factors) : this.wasm.corrView(k);
  }

  private corrJs(k: Plane, out?: Float32Array): Float32Array {
    const x = this.image;
    if (!x) throw new Error('corr2dFast: no image loaded');
    validShape('corr2dFast', x, k);
    const { route, factors } = chooseRoute(k);
    this.lastRoute = route;
    if (!factors) return corr2dJs(x, k, out);
    const rows: Plane = { data: corr2dJs(x, factors.v), h: x.h, w: x.w - k.w + 1 };
    return corr2dJs(rows, factors.u, out);
  }

  /**
   * `grad` with `x` = the image given to `load`, which stays in wasm memory between steps (gradient descent then
   * copies only K and the residual per step). Throws "corr2dGrad: no image loaded" before the first `load`.
   */
  gradLoaded(r: Plane): Float32Array {
    const x = this.image;
    if (!x) throw new Error('corr2dGrad: no image loaded');
    if (!this.wasm) return corr2dGradJs(x, r);
    return this.wasm.gradLoaded(r);
  }

  /**
   * Kernel gradient of L = Σ (corr2d(X, K) − Y)² from the residual `r = Ŷ − Y`: `∂L/∂K = 2·corr2d(X, r)`,
   * `x: [h, w]`, `r: [oh, ow]` → `[h − oh + 1, w − ow + 1]` (d2l §7.2.5). Replaces the loaded image by `x`.
   * Throws "corr2dGrad: …".
   */
  grad(x: Plane, r: Plane): Float32Array {
    validShape('corr2dGrad', x, r);
    this.image = x;
    if (!this.wasm) return corr2dGradJs(x, r);
    return this.wasm.grad(x, r);
  }
}
