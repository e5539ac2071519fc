// Valid cross-correlation and its kernel gradient on WebAssembly SIMD. The kernels are AssemblyScript
// (./assembly, compiled by scripts/build-wasm.mjs into ./generated/kernels.ts); this file lays out linear memory for
// them and copies planes in and out. One instance keeps one growing memory: the loaded image stays there, so a kernel
// edit copies only the kernel in and the feature map out.

import { RELAXED_WASM, SIMD_WASM } from './generated/kernels';
import { checkPlane, validShape, validSize, type Plane } from './plane';
import type { Factors } from './separable';
import { ROUTE } from './routes';

// The core compiles without DOM or Node typings: just the part of the WebAssembly API used here.
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** The kernels' exports (pointers are byte offsets into `memory`; see ./assembly/index.ts). */
export interface KernelExports {
  memory: WasmMemory;
  heapBase(): number;
  corr(x: number, h: number, w: number, k: number, kh: number, kw: number, y: number, pairs: boolean): void;
  grad(x: number, h: number, w: number, r: number, oh: number, ow: number, g: number): void;
  scale(x: number, n: number, k: number, y: number): void;
  corrMulti(
    x: number,
    cin: number,
    h: number,
    w: number,
    k: number,
    cout: number,
    kh: number,
    kw: number,
    bias: number,
    y: number,
  ): void;
  residual(y: number, t: number, n: number, out: number): void;
  grad3(x: number, w: number, r: number, oh: number, ow: number, g: number): void;
  minMax(src: number, n: number, out: number): void;
  poolMaxAbs(
    src: number,
    w: number,
    ow: number,
    oh: number,
    edge: number,
    rows: number,
    colMax: number,
    colAt: number,
    data: number,
    at: number,
  ): void;
  spectrum(k: number, kh: number, kw: number, kRe: number, kIm: number, n: number, tw: number): void;
  fftCorr(
    x: number,
    h: number,
    w: number,
    kh: number,
    kw: number,
    kRe: number,
    kIm: number,
    re: number,
    im: number,
    n: number,
    tw: number,
    y: number,
  ): void;
}
interface WasmGlobal {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** Which build of the kernels runs: relaxed SIMD (fused multiply-add) or the fixed-width SIMD every engine has. */
export type WasmVariant = 'relaxed-simd' | 'simd';

const PAGE = 65536;
/** `n` rounded up to a multiple of 16 bytes (where the kernels' v128 buffers start). */
export const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** Grows `memory` to hold at least `bytes` (it never shrinks); a float32 view of the whole memory after the growth. */
export function reserveBytes(memory: WasmMemory, bytes: number): Float32Array {
  const need = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (need > 0) memory.grow(need);
  return new Float32Array(memory.buffer);
}

/** Base64 → bytes (no atob: the core has no DOM typings, and this runs in Node and browsers alike). */
export function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = b64.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of clean) {
    acc = (acc << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** The module bytes of a variant. */
export function kernelBytes(variant: WasmVariant): Uint8Array<ArrayBuffer> {
  return base64Bytes(variant === 'relaxed-simd' ? RELAXED_WASM : SIMD_WASM);
}

/**
 * Instantiates the first variant of `order` this engine validates (synchronously: the modules are a few kB, under
 * Chromium's main-thread limit for synchronous compilation). Undefined when there is no WebAssembly, no SIMD, or the
 * page's CSP forbids compiling ('wasm-unsafe-eval' missing).
 */
export function instantiateKernels(
  order: readonly WasmVariant[] = ['relaxed-simd', 'simd'],
): { exports: KernelExports; variant: WasmVariant } | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmGlobal }).WebAssembly;
  if (!wasm) return undefined;
  for (const variant of order) {
    try {
      const bytes = kernelBytes(variant);
      if (!wasm.validate(bytes)) continue;
      const exports = new wasm.Instance(new wasm.Module(bytes), {}).exports as KernelExports;
      return { exports, variant };
    } catch {
      // CSP without 'wasm-unsafe-eval' throws a CompileError: no variant will compile either.
      return undefined;
    }
  }
  return undefined;
}

/** The SIMD cross-correlation engine. `WasmCorr.create()` returns undefined where WebAssembly SIMD cannot run. */
export class WasmCorr {
  private loaded: { h: number; w: number; end: number } | undefined;
  private readonly base: number;

  private constructor(
    private readonly ex: KernelExports,
    readonly variant: WasmVariant,
  ) {
    this.base = align16(ex.heapBase());
  }

  /** The engine on the first variant of `order` that runs here (relaxed SIMD first), or undefined. */
  static create(order?: readonly WasmVariant[]): WasmCorr | undefined {
    const k = instantiateKernels(order);
    return k && new WasmCorr(k.exports, k.variant);
  }

  /** The linear memory's buffer: views this engine hands out live in it (until it grows). */
  get buffer(): ArrayBuffer {
    return this.ex.memory.buffer;
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
   * repaints without copying the photo again). `grad` replaces it.
   */
  load(x: Plane): void {
    checkPlane('corr2dFast', 'input', x);
    const end = align16(this.base + 4 * x.data.length);
    this.reserve(end).set(x.data, this.base / 4);
    this.loaded = { h: x.h, w: x.w, end };
  }

  /** `corr` against the image given to `load`; throws "corr2dFast: no image loaded" before the first `load`. */
  corrLoaded(k: Plane, out?: Float32Array): Float32Array {
    return copyOut(this.corrView(k), out);
  }

  /**
   * `corrLoaded` without the copy out: a view of the feature map inside wasm memory, valid until the next call on
   * this engine (the next call overwrites it, and a memory growth detaches it). For a caller that reads the result at
   * once (a heat-map draw); keep a copy otherwise. With `row0`/`rows`, only output rows `[row0, row0 + rows)` (a band
   * for one thread of ./parallel.ts); with `viewRows` > rows, the view spans that many rows (the rest for other
   * threads' bands to be copied into).
   */
  corrView(k: Plane, row0 = 0, rows?: number, viewRows?: number): Float32Array {
    const x = this.image('corr2dFast');
    checkPlane('corr2dFast', 'kernel', k);
    const [oh, ow] = validSize('corr2dFast', x, k);
    const n = bandRows(row0, rows ?? oh - row0, oh);
    const m = Math.max(n, viewRows ?? n);
    const kPtr = x.end;
    const yPtr = align16(kPtr + 4 * k.data.length);
    const f32 = this.reserve(yPtr + 4 * m * ow);
    f32.set(k.data, kPtr / 4);
    const xPtr = this.base + 4 * row0 * x.w;
    if (k.h === 1 && k.w === 1) this.ex.scale(xPtr, n * x.w, kPtr, yPtr);
    else this.ex.corr(xPtr, n + k.h - 1, x.w, kPtr, k.h, k.w, yPtr, ROUTE.rowPairs);
    return new Float32Array(this.ex.memory.buffer, yPtr, m * ow);
  }

  /**
   * `corrView` for a rank-1 kernel `K = u·vᵀ` (./separable): a row pass by `v: [1, kw]` into scratch memory, then a
   * column pass by `u: [kh, 1]` (kh + kw products per output instead of kh·kw). The loaded image stays resident.
   */
  corrSeparableView(f: Factors, row0 = 0, rows?: number): Float32Array {
    const x = this.image('corr2dFast');
    const [oh, ow] = validSize('corr2dFast', x, { h: f.u.h, w: f.v.w });
    const n = bandRows(row0, rows ?? oh - row0, oh);
    const inRows = n + f.u.h - 1;
    const uPtr = x.end;
    const vPtr = align16(uPtr + 4 * f.u.h);
    const tPtr = align16(vPtr + 4 * f.v.w);
    const yPtr = align16(tPtr + 4 * inRows * ow);
    const f32 = this.reserve(yPtr + 4 * n * ow);
    f32.set(f.u.data, uPtr / 4);
    f32.set(f.v.data, vPtr / 4);
    this.ex.corr(this.base + 4 * row0 * x.w, inRows, x.w, vPtr, 1, f.v.w, tPtr, ROUTE.rowPairs);
    this.ex.corr(tPtr, inRows, ow, uPtr, f.u.h, 1, yPtr, ROUTE.rowPairs);
    return new Float32Array(this.ex.memory.buffer, yPtr, n * ow);
  }

  /**
   * `corrView` through the FFT on `tile`×`tile` tiles (overlap-save, ./assembly/fft.ts): about 2·log₂(tile) work per
   * output instead of kh·kw, so it wins for large kernels. `tile` is a power of two, at least the kernel's size.
   * Sums are float32 through the transforms: the error grows like ‖x‖·‖k‖·log₂(tile)·2⁻²⁴ rather than per product.
   * A NaN or ±∞ in x spreads to its whole tile and to the tile sharing its complex transform (the direct route
   * confines it to the windows that hold it); a huge finite value adds its round-off to every output of those tiles.
   */
  corrFftView(k: Plane, tile: number): Float32Array {
    const x = this.image('corr2dFast');
    checkPlane('corr2dFast', 'kernel', k);
    const [oh, ow] = validSize('corr2dFast', x, k);
    if (!(tile >= 4 && (tile & (tile - 1)) === 0 && tile >= k.h && tile >= k.w))
      throw new Error(`corr2dFast: FFT tile ${tile} is not a power of two ≥ 4 and ≥ kernel ${k.h}×${k.w}`);
    const nn = 4 * tile * tile;
    const tw = x.end;
    const kRe = align16(tw + 4 * twiddles(tile).length);
    const kIm = kRe + nn;
    const re = kIm + nn;
    const im = re + nn;
    const kPtr = im + nn;
    const yPtr = align16(kPtr + 4 * k.data.length);
    const f32 = this.reserve(yPtr + 4 * oh * ow);
    f32.set(twiddles(tile), tw / 4);
    f32.set(k.data, kPtr / 4);
    this.ex.spectrum(kPtr, k.h, k.w, kRe, kIm, tile, tw);
    this.ex.fftCorr(this.base, x.h, x.w, k.h, k.w, kRe, kIm, re, im, tile, tw, yPtr);
    return new Float32Array(this.ex.memory.buffer, yPtr, oh * ow);
  }

  /**
   * Kernel gradient of L = Σ (corr2d(X, K) − Y)², given the residual `r = Ŷ − Y` (d2l §7.2.5; the backward pass of a
   * valid cross-correlation is a cross-correlation of the input by the output gradient):
   * `∂L/∂K[a][b] = 2 · Σᵢⱼ X[i + a][j + b] · r[i][j]`. `x: [h, w]`, `r: [oh, ow]` → `[h − oh + 1, w − ow + 1]`.
   * Sums run in float32 lanes. Replaces the loaded image by `x`. Throws "corr2dGrad: …" like `validShape`.
   */
  grad(x: Plane, r: Plane): Float32Array {
    validShape('corr2dGrad', x, r);
    this.load(x);
    return this.gradLoaded(r);
  }

  /**
   * `grad` against the image given to `load` (no copy of X: a learning step moves only K, Ŷ and the residual).
   * `r: [oh, ow]` → `[h − oh + 1, w − ow + 1]`. Throws "corr2dGrad: no image loaded" before `load`.
   */
  gradLoaded(r: Plane): Float32Array {
    const x = this.image('corr2dGrad');
    checkPlane('corr2dGrad', 'residual', r);
    const [kh, kw] = validSize('corr2dGrad', x, r);
    const rPtr = x.end;
    const gPtr = align16(rPtr + 4 * r.data.length);
    const f32 = this.reserve(gPtr + 4 * kh * kw);
    f32.set(r.data, rPtr / 4);
    this.ex.grad(this.base, x.h, x.w, rPtr, r.h, r.w, gPtr);
    const g = f32.slice(gPtr / 4, gPtr / 4 + kh * kw);
    for (let i = 0; i < g.length; i++) g[i] *= 2;
    return g;
  }

  private image(op: string): { h: number; w: number; end: number } {
    if (!this.loaded) throw new Error(`${op}: no image loaded`);
    return this.loaded;
  }

  private reserve(bytes: number): Float32Array {
    return reserveBytes(this.ex.memory, bytes);
  }
}

const twiddleCache = new Map<number, Float32Array>();

/** e^(−2πi·t/n) for t < 3n/4 (the radix-4 butterflies' w³) as (cos, sin) pairs, computed in float64, rounded once. */
export function twiddles(n: number): Float32Array {
  let t = twiddleCache.get(n);
  if (!t) {
    t = new Float32Array((3 * n) / 2);
    for (let i = 0; i < (3 * n) / 4; i++) {
      t[2 * i] = Math.cos((-2 * Math.PI * i) / n);
      t[2 * i + 1] = Math.sin((-2 * Math.PI * i) / n);
    }
    twiddleCache.set(n, t);
  }
  return t;
}

/** Checks a band of output rows `[row0, row0 + rows)` inside `[0, oh)`; returns `rows`. */
export function bandRows(row0: number, rows: number, oh: number): number {
  if (!Number.isInteger(row0) || !Number.isInteger(rows) || row0 < 0 || rows < 1 || row0 + rows > oh)
    throw new Error(`corr2dFast: output rows ${row0}..${row0 + rows - 1} are outside 0..${oh - 1}`);
  return rows;
}

/** `view` copied into `out` (length-checked) or into a new array. */
export function copyOut(view: Float32Array, out?: Float32Array): Float32Array {
  // Not view.slice(): on a view of wasm memory Chromium's slice copies element by element (measured 10–20× slower
  // than set, which is a memcpy).
  if (!out) return copyOut(view, new Float32Array(view.length));
  if (out.length !== view.length)
    throw new Error(`corr2dFast: output buffer has ${out.length} values, expected ${view.length}`);
  out.set(view);
  return out;
}
