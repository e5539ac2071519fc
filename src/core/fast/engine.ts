// FastCorr2d: the engine behind the fast path. It picks, per call, how a valid cross-correlation runs — a
// register-blocked direct kernel, two 1-D passes for a rank-1 kernel, overlap-save FFT tiles for a large kernel — on
// WebAssembly SIMD when the page may compile it, else in plain JavaScript. Pure typed arrays: no DOM, no tfjs, no
// vscode.

import { corr2dGradJs, corr2dJs } from './js';
import { checkPlane, validShape, type Plane } from './plane';
import { rankOneFactors } from './separable';
import { bandRows, copyOut, WasmCorr, type WasmVariant } from './wasm';
import { ROUTE } from './routes';

/** Which engine runs the loops. */
export type FastPath = 'wasm-simd' | 'js';

/**
 * How one cross-correlation was computed: all kh·kw products per output ('direct', register-blocked), a rank-1
 * kernel's row pass then column pass ('separable'), or overlap-save FFT tiles ('fft').
 */
export type CorrRoute = 'direct' | 'separable' | 'fft';

/** The route tunables (./routes.ts), re-exported for the benchmark's A/B runs. */
export { ROUTE };

/** A route and what it needs: the rank-1 factors, or the FFT's tile side. */
export interface RouteChoice {
  route: CorrRoute;
  factors?: ReturnType<typeof rankOneFactors>;
  tile?: number;
}

/**
 * The route for kernel `k` on input `x`: 'separable' when `k` is rank 1 (within float32 round-off,
 * `rankOneFactors`) and two 1-D passes are cheaper than one 2-D pass (kh + kw < kh·kw / 2: 5×5 and larger); 'fft'
 * for large full-rank kernels (tiles of 64; from a side of 15, 128 or the power of two ≥ twice the side); else
 * 'direct'. `fft: false` leaves it out (the JavaScript engine has no FFT).
 */
export function chooseRoute(k: Plane, x?: { h: number; w: number }, fft = true): RouteChoice {
  if (k.h * k.w < 2 * (k.h + k.w)) return { route: 'direct' };
  const factors = rankOneFactors(k);
  if (factors) return { route: 'separable', factors };
  const big = k.h * k.w >= ROUTE.fftMinArea && Math.min(k.h, k.w) >= ROUTE.fftMinSide;
  if (!fft || !big || !x) return { route: 'direct' };
  // Tiles of at least twice the kernel's side keep at least half of each tile's outputs valid.
  const side = Math.max(k.h, k.w);
  const tile = side >= 15 ? Math.max(128, 2 ** Math.ceil(Math.log2(2 * side))) : 64;
  return { route: 'fft', tile };
}

/** Valid cross-correlation and its kernel gradient on the fastest engine available here. */
export class FastCorr2d {
  private image: Plane | undefined;
  /** The route of the last `corr…` call (shown by the benchmark beside its time). */
  lastRoute: CorrRoute = 'direct';

  /** The instance every call but `corrKept` runs on, and the image it holds. */
  private readonly primary: { wasm: WasmCorr | undefined; image: Plane | undefined };
  /** `corrKept`'s second instance (made at its first use). */
  private twin: { wasm: WasmCorr; image: Plane | undefined } | undefined;

  private constructor(private readonly wasm: WasmCorr | undefined) {
    this.primary = { wasm, image: undefined };
  }

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

  /**
   * Keeps `x` for `corrLoaded` (on wasm: copied into linear memory at the first call that needs it, then once per
   * image, so kernel edits skip the copy). The caller must not change `x.data` afterwards.
   */
  load(x: Plane): void {
    checkPlane('corr2dFast', 'input', x);
    this.image = x;
  }

  /**
   * `corrLoaded(k)` left in wasm memory, valid while the caller shows it: results alternate between two engine
   * instances, and a call computes (and loads the image, and grows memory) only on the instance that does not hold
   * `shown`, the result on screen. So `shown` stays intact through this call, even when a larger image was loaded since
   * (a memory growth would detach it). With `rows` (a band of ./parallel.ts), only output rows `[0, rows)` are
   * computed, into a view of all `oh` rows. On JavaScript, a new array. Throws like `corrLoaded`.
   */
  corrKept(k: Plane, shown?: Float32Array, rows?: number): Float32Array {
    if (!this.wasm) return this.corrRowsView(k, 0, rows);
    const onTwin = shown !== undefined && shown.buffer === this.wasm.buffer;
    if (onTwin) this.twin ??= { wasm: WasmCorr.create([this.wasm.variant]) ?? this.wasm, image: undefined };
    return this.corrRowsView(k, 0, rows, onTwin ? this.twin : undefined, true);
  }

  /** `corr` against the image given to `load`; throws "corr2dFast: no image loaded" before the first `load`. */
  corrLoaded(k: Plane, out?: Float32Array): Float32Array {
    const y = this.corrRowsView(k, 0);
    if (this.wasm || out) return copyOut(y, out);
    return y;
  }

  /**
   * `corrLoaded` without the final copy when the engine is wasm: a view of the feature map inside wasm memory, valid
   * only until the next call on this engine (draw it or copy it at once). On JavaScript, a new array.
   */
  corrView(k: Plane): Float32Array {
    return this.corrRowsView(k, 0);
  }

  /**
   * Output rows `[row0, row0 + rows)` of `corrLoaded(k)` (default: to the last row) as a `[rows, ow]` array, into
   * `out` when given: one thread's band when ./parallel.ts splits a feature map. Throws "corr2dFast: output rows …
   * are outside …".
   */
  corrRows(k: Plane, row0: number, rows?: number, out?: Float32Array): Float32Array {
    const y = this.corrRowsView(k, row0, rows);
    return this.wasm || out ? copyOut(y, out) : y;
  }

  /** The wasm instance `on` (default the primary) with the loaded image copied in. */
  private synced(on = this.primary): WasmCorr | undefined {
    if (!on.wasm || !this.image) return on.wasm;
    if (on.image !== this.image) on.wasm.load(this.image);
    on.image = this.image;
    return on.wasm;
  }

  private corrRowsView(k: Plane, row0: number, rows?: number, on = this.primary, whole = false): Float32Array {
    const x = this.image;
    if (!x) throw new Error('corr2dFast: no image loaded');
    const [oh] = validShape('corr2dFast', x, k);
    const n = bandRows(row0, rows ?? oh - row0, oh);
    const { route, factors, tile } = chooseRoute(k, x, !!this.wasm && row0 === 0 && n === oh);
    this.lastRoute = route;
    const wasm = this.synced(on);
    if (wasm) {
      if (tile) return wasm.corrFftView(k, tile);
      if (factors) return wasm.corrSeparableView(factors, row0, n);
      return wasm.corrView(k, row0, n, whole ? oh : n);
    }
    const band: Plane = { data: x.data.subarray(row0 * x.w, (row0 + n + k.h - 1) * x.w), h: n + k.h - 1, w: x.w };
    if (!factors) return corr2dJs(band, k);
    const rows1: Plane = { data: corr2dJs(band, factors.v), h: band.h, w: x.w - k.w + 1 };
    return corr2dJs(rows1, factors.u);
  }

  /**
   * `grad` with `x` = the image given to `load`, which stays in wasm memory between steps (gradient descent then
   * copies only K and the residual per step). Throws "corr2dGrad: no image loaded" before the first `load`.
   */
  gradLoaded(r: Plane): Float32Array {
    const x = this.image;
    if (!x) throw new Error('corr2dGrad: no image loaded');
    const wasm = this.synced();
    if (!wasm) return corr2dGradJs(x, r);
    return wasm.gradLoaded(r);
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
    this.primary.image = x;
    return this.wasm.grad(x, r);
  }
}
