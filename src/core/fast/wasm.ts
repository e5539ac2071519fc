// Valid cross-correlation and its kernel gradient on WebAssembly SIMD (f32x4). One instance per thread keeps one
// growing linear memory; each call copies the input in and the output out, so callers keep plain Float32Arrays.

import { CORR_BLOCK, fastModuleBytes } from './wasm-module';
import { checkPlane, validShape, validSize, type Plane } from './plane';

// The core compiles without DOM or Node typings: just the part of the WebAssembly API used here.
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmExports {
  memory: WasmMemory;
  corr(x: number, w: number, outH: number, outWp: number, k: number, kh: number, kw: number, y: number): void;
  grad(x: number, w: number, r: number, outH: number, outWp: number, kh: number, kw: number, g: number): void;
}
interface WasmGlobal {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const PAGE = 65536;
const roundUp = (n: number, m: number) => Math.ceil(n / m) * m;

/** The SIMD cross-correlation engine. `WasmCorr.create()` returns undefined where WebAssembly SIMD cannot run. */
export class WasmCorr {
  private loaded: { h: number; w: number; xBytes: number } | undefined;

  private constructor(private readonly ex: WasmExports) {}

  /**
   * Compiles the module synchronously (it is under 1 kB, so browsers allow it on the main thread). Undefined when
   * there is no WebAssembly, no SIMD, or the page's CSP forbids compiling ('wasm-unsafe-eval' missing).
   */
  static create(): WasmCorr | undefined {
    const wasm = (globalThis as { WebAssembly?: WasmGlobal }).WebAssembly;
    if (!wasm) return undefined;
    try {
      const bytes = fastModuleBytes();
      if (!wasm.validate(bytes)) return undefined;
      return new WasmCorr(new wasm.Instance(new wasm.Module(bytes), {}).exports as WasmExports);
    } catch {
      return undefined;
    }
  }

  /** Bytes of linear memory currently reserved (it grows to fit the largest call and never shrinks). */
  get memoryBytes(): number {
    return this.ex.memory.buffer.byteLength;
  }

  /**
   * Valid cross-correlation (d2l §7.2.1 `corr2d`): `x: [h, w]`, `k: [kh, kw]` → `[h − kh + 1, w − kw + 1]`, float32
   * sums of float32 products. Writes into `out` when given (length must match). Throws "corr2dFast: …" like
   * `validShape`.
   */
  corr(x: Plane, k: Plane, out?: Float32Array): Float32Array {
    validShape('corr2dFast', x, k);
    this.load(x);
    return this.corrLoaded(k, out);
  }

  /**
   * Copies `x` into the engine once, for callers that correlate one image with many kernels (an edited kernel cell
   * repaints without copying the photo again). Later calls to `corr`/`grad` replace it.
   */
  load(x: Plane): void {
    checkPlane('corr2dFast', 'input', x);
    const xBytes = roundUp(4 * (x.h * x.w + x.w + CORR_BLOCK + 16), 16);
    const f32 = this.reserve(xBytes);
    f32.set(x.data, 0);
    // Slack past the image: the last blocks read it; zeros keep those (dropped) sums finite.
    f32.fill(0, x.data.length, xBytes / 4);
    this.loaded = { h: x.h, w: x.w, xBytes };
  }

  /** `corr` against the image given to `load`; throws "corr2dFast: no image loaded" before the first `load`. */
  corrLoaded(k: Plane, out?: Float32Array): Float32Array {
    const x = this.loaded;
    if (!x) throw new Error('corr2dFast: no image loaded');
    checkPlane('corr2dFast', 'kernel', k);
    const [outH, outW] = validSize('corr2dFast', x, k);
    const outWp = roundUp(outW, CORR_BLOCK);
    // Layout: x (plus slack), k, y (outH rows of outWp).
    const { xBytes } = x;
    const kBytes = roundUp(4 * k.h * k.w, 16);
    const yPtr = xBytes + kBytes;
    const f32 = this.reserve(yPtr + 4 * outH * outWp);
    f32.set(k.data, xBytes / 4);
    this.ex.corr(0, x.w, outH, outWp, xBytes, k.h, k.w, yPtr);
    const y = out ?? new Float32Array(outH * outW);
    if (y.length !== outH * outW)
      throw new Error(`corr2dFast: output buffer has ${y.length} values, expected ${outH}×${outW}`);
    const base = yPtr / 4;
    if (outWp === outW) y.set(f32.subarray(base, base + outH * outW));
    else for (let i = 0; i < outH; i++) y.set(f32.subarray(base + i * outWp, base + i * outWp + outW), i * outW);
    return y;
  }

  /**
   * Kernel gradient of L = Σ (corr2d(X, K) − Y)², given the residual `r = Ŷ − Y` (d2l §7.2.5; the backward pass of a
   * valid cross-correlation is a cross-correlation of the input by the output gradient):
   * `∂L/∂K[a][b] = 2 · Σᵢⱼ X[i + a][j + b] · r[i][j]`. `x: [h, w]`, `r: [oh, ow]` → `[h − oh + 1, w − ow + 1]`.
   * Sums run in float32 lanes. Throws "corr2dGrad: …" like `validShape`.
   */
  grad(x: Plane, r: Plane): Float32Array {
    const [kh, kw] = validShape('corr2dGrad', x, r);
    const outWp = roundUp(r.w, 4);
    const xBytes = roundUp(4 * (x.h * x.w + x.w + 16), 16);
    const rPtr = xBytes;
    const gPtr = rPtr + 4 * r.h * outWp;
    const f32 = this.reserve(gPtr + 4 * kh * kw);
    f32.set(x.data, 0);
    f32.fill(0, x.data.length, xBytes / 4);
    this.putResidual(f32, r, rPtr / 4, outWp);
    this.loaded = undefined; // the image area now holds x of this call, without the corr slack
    this.ex.grad(0, x.w, rPtr, r.h, outWp, kh, kw, gPtr);
    const g = f32.slice(gPtr / 4, gPtr / 4 + kh * kw);
    for (let i = 0; i < g.length; i++) g[i] *= 2;
    return g;
  }

  /**
   * `grad` against the image given to `load` (no copy of X: a learning step moves only K, Ŷ and the residual).
   * `r: [oh, ow]` → `[h − oh + 1, w − ow + 1]`. Throws "corr2dGrad: no image loaded" before `load`.
   */
  gradLoaded(r: Plane): Float32Array {
    const x = this.loaded;
    if (!x) throw new Error('corr2dGrad: no image loaded');
    checkPlane('corr2dGrad', 'residual', r);
    const [kh, kw] = validSize('corr2dGrad', x, r);
    const outWp = roundUp(r.w, 4);
    // The loaded image's slack (≥ w + 16 zeros) is what `grad` pads with; r and g go after it.
    const rPtr = x.xBytes;
    const gPtr = rPtr + 4 * r.h * outWp;
    const f32 = this.reserve(gPtr + 4 * kh * kw);
    this.putResidual(f32, r, rPtr / 4, outWp);
    this.ex.grad(0, x.w, rPtr, r.h, outWp, kh, kw, gPtr);
    const g = f32.slice(gPtr / 4, gPtr / 4 + kh * kw);
    for (let i = 0; i < g.length; i++) g[i] *= 2;
    return g;
  }

  private putResidual(f32: Float32Array, r: Plane, rBase: number, outWp: number): void {
    if (outWp === r.w) {
      f32.set(r.data, rBase);
      return;
    }
    // Zero columns past the output width: they meet x values from the next row and must add nothing.
    f32.fill(0, rBase, rBase + r.h * outWp);
    for (let i = 0; i < r.h; i++) f32.set(r.data.subarray(i * r.w, (i + 1) * r.w), rBase + i * outWp);
  }

  private reserve(bytes: number): Float32Array {
    const mem = this.ex.memory;
    const need = Math.ceil(bytes / PAGE) - mem.buffer.byteLength / PAGE;
    if (need > 0) mem.grow(need);
    return new Float32Array(mem.buffer);
  }
}
