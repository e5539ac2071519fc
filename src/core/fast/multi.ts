// Multi-channel 2-D cross-correlation on the fast path (d2l §7.4; PyTorch Conv2d's NCHW layout without the batch):
// X `[c_in, h, w]` planes, K `[c_out, c_in/groups, kh, kw]`, bias `[c_out]` → Y `[c_out, h', w']`, with padding, stride
// and dilation from `convGeometry` (src/core/geometry.ts). The zero-padded input stays in wasm memory between calls
// (re-padded only when the padding changes), so a kernel edit copies only K in and Y out.

import { convGeometry, type ConvOptions, type Geometry } from '../geometry';
import { align16, instantiateKernels, reserveBytes, type KernelExports, type WasmVariant } from './wasm';

/** A stack of planes `[c, h, w]`: `data[(ch·h + r)·w + col]`. */
export interface Planes {
  data: Float32Array;
  c: number;
  h: number;
  w: number;
}

/** Weights `[c_out, c_in/groups, kh, kw]` (PyTorch layout), row-major. */
export interface Weights {
  data: Float32Array;
  cOut: number;
  cInPerGroup: number;
  kh: number;
  kw: number;
}

/** Padding, stride, dilation as in `convGeometry`, plus `groups` (c_in and c_out divisible by it; default 1). */
export interface MultiOptions extends ConvOptions {
  groups?: number;
}

/** Throws "<op>: <name> [c, h, w] has N values" unless the shape is positive integers matching the data. */
export function checkPlanes(op: string, name: string, p: Planes): void {
  const ok = [p.c, p.h, p.w].every((v) => Number.isInteger(v) && v >= 1);
  if (!ok || p.data.length !== p.c * p.h * p.w)
    throw new Error(`${op}: ${name} [${p.c}, ${p.h}, ${p.w}] has ${p.data.length} values`);
}

/**
 * Checks X, K, bias and groups against each other and returns the geometry (`convGeometry` on the spatial sizes).
 * Throws "conv2dFast: K has 3 input channels per group, X has 2" and the like.
 */
export function multiGeometry(op: string, x: Planes, k: Weights, bias: Float32Array | undefined, o: MultiOptions) {
  checkPlanes(op, 'X', x);
  const dims = [k.cOut, k.cInPerGroup, k.kh, k.kw];
  if (!dims.every((v) => Number.isInteger(v) && v >= 1) || k.data.length !== k.cOut * k.cInPerGroup * k.kh * k.kw)
    throw new Error(`${op}: K [${dims.join(', ')}] has ${k.data.length} values`);
  const groups = o.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups ${groups} is not a positive integer`);
  if (x.c % groups !== 0 || k.cOut % groups !== 0)
    throw new Error(`${op}: groups ${groups} must divide X's ${x.c} channels and K's ${k.cOut} output channels`);
  if (k.cInPerGroup !== x.c / groups) {
    const per = groups === 1 ? 'input channels' : 'input channels per group';
    throw new Error(`${op}: K has ${k.cInPerGroup} ${per}, X has ${x.c / groups}`);
  }
  if (bias && bias.length !== k.cOut) throw new Error(`${op}: bias has ${bias.length} values, K has ${k.cOut} filters`);
  const geom = convGeometry({ inH: x.h, inW: x.w, kH: k.kh, kW: k.kw, ...o }, op);
  return { geom, groups };
}

/** The multi-channel engine: one wasm instance, the padded input resident. */
export class FastConv2d {
  private x: Planes | undefined;
  /** The padding of the planes now in wasm memory, and where they end. */
  private padded: { key: string; h: number; w: number; end: number } | undefined;
  /** The learning target kept in wasm memory right after the padded planes (`at` = its byte offset). */
  private target: { t: Planes; at: number } | undefined;
  private readonly base: number;

  private constructor(
    private readonly ex: KernelExports,
    readonly variant: WasmVariant,
  ) {
    this.base = align16(ex.heapBase());
  }

  /** The engine on the first wasm build that runs here (relaxed SIMD first), or undefined without WebAssembly SIMD. */
  static create(order?: readonly WasmVariant[]): FastConv2d | undefined {
    const k = instantiateKernels(order);
    return k && new FastConv2d(k.exports, k.variant);
  }

  /** Keeps X `[c_in, h, w]` for `forward` (copied into wasm memory, zero-padded, at the first call). */
  load(x: Planes): void {
    checkPlanes('conv2dFast', 'X', x);
    this.x = x;
    this.padded = undefined;
    if (this.target) this.target.at = -1;
  }

  /**
   * Y = X ⋆ K + bias (d2l §7.4.2, eq. 7.4.1 summed over input channels per group): `[c_out, h', w']` with h', w' from
   * `convGeometry`; into `out` when given. Stride 1 and dilation 1 run the register-blocked kernel directly; a stride
   * computes the stride-1 rows it needs and keeps every s-th column; a dilation runs the kernel with zeros between
   * taps. Throws "conv2dFast: …" for inconsistent shapes (see `multiGeometry`) and before `load`.
   */
  forward(k: Weights, bias?: Float32Array, o: MultiOptions = {}, out?: Float32Array): Planes {
    return this.run(k, bias, o, out ?? null);
  }

  /**
   * `forward` without the copy out when it can (stride 1, groups 1): Y as a view of wasm memory, valid until the next
   * call on this engine (draw it or copy it at once). Otherwise the same as `forward`.
   */
  forwardView(k: Weights, bias?: Float32Array, o: MultiOptions = {}): Planes {
    return this.run(k, bias, o, undefined);
  }

  /** `out`: a buffer to fill, null for a new array, undefined for a view when the layout allows. */
  private run(
    k: Weights,
    bias: Float32Array | undefined,
    o: MultiOptions,
    out: Float32Array | null | undefined,
  ): Planes {
    const x = this.x;
    if (!x) throw new Error('conv2dFast: no input loaded');
    const { geom, groups } = multiGeometry('conv2dFast', x, k, bias, o);
    const size = k.cOut * geom.outH * geom.outW;
    if (out && out.length !== size)
      throw new Error(
        `conv2dFast: output buffer has ${out.length} values, expected ${k.cOut}×${geom.outH}×${geom.outW}`,
      );
    const xp = this.pad(x, geom);
    const kd = dilate(k, geom);
    const h1 = xp.h - kd.kh + 1; // stride-1 output rows over the padded planes
    const w1 = xp.w - kd.kw + 1;
    const cIn = k.cInPerGroup;
    const cOut = k.cOut / groups;
    const kPtr = xp.end;
    const bPtr = align16(kPtr + 4 * kd.data.length);
    const yPtr = align16(bPtr + 4 * k.cOut);
    const f32 = this.reserve(yPtr + 4 * cOut * h1 * w1);
    f32.set(kd.data, kPtr / 4);
    if (bias) f32.set(bias, bPtr / 4);
    else f32.fill(0, bPtr / 4, bPtr / 4 + k.cOut);
    const per = cIn * kd.kh * kd.kw;
    const dense = groups === 1 && h1 === geom.outH && w1 === geom.outW;
    const y = out === undefined && dense ? undefined : (out ?? new Float32Array(size));
    for (let g = 0; g < groups; g++) {
      const xg = this.base + 4 * g * cIn * xp.h * xp.w;
      const kg = kPtr + 4 * g * cOut * per;
      this.ex.corrMulti(xg, cIn, xp.h, xp.w, kg, cOut, kd.kh, kd.kw, bPtr + 4 * g * cOut, yPtr);
      const view = new Float32Array(this.ex.memory.buffer, yPtr, cOut * h1 * w1);
      if (!y) return { data: view, c: k.cOut, h: geom.outH, w: geom.outW };
      takeStrided(view, h1, w1, geom, y.subarray(g * cOut * geom.outH * geom.outW));
    }
    return { data: y as Float32Array, c: k.cOut, h: geom.outH, w: geom.outW };
  }

  /**
   * `[min, max]` of each plane of `y: [c, h, w]`, a view of this engine's memory from `forwardView`, scanned in place
   * by SIMD (no copy): a heat map's scale without a pass over a copy in JavaScript. NaN anywhere in a plane makes both
   * NaN. Undefined when `y` is not such a view (a strided or grouped result, a copy): scan it in JavaScript instead.
   */
  planeRanges(y: Planes): Array<[number, number]> | undefined {
    const buf = this.ex.memory.buffer;
    if (y.data.buffer !== buf) return undefined;
    const plane = y.h * y.w;
    const at = y.data.byteOffset; // read before reserve: a memory growth detaches y.data
    const outPtr = align16(at + 4 * y.data.length);
    this.reserve(outPtr + 8);
    const mm = new Float32Array(this.ex.memory.buffer, outPtr, 2);
    return Array.from({ length: y.c }, (_, c) => {
      this.ex.minMax(at + 4 * c * plane, plane, outPtr);
      return [mm[0], mm[1]] as [number, number];
    });
  }

  /** Keeps the learning target `T: [c_out, h', w']` for `lossAndGradients` (copied into wasm memory once). */
  setTarget(t: Planes): void {
    checkPlanes('conv2dFast', 'T', t);
    this.target = { t, at: -1 };
  }

  /**
   * L = Σ (conv(X, K) + b − T)² and its gradients for the loaded X and the target of `setTarget`, all in wasm memory
   * (nothing copied but K in and the gradients out): Ŷ by `forward`'s kernel, r = Ŷ − T in place, L = Σ r² and
   * ∂L/∂b[o] = 2·Σ r_o in float64, ∂L/∂K[o][c] = 2·corr2d(X_c padded, r_o) (the backward pass of a cross-correlation
   * is a cross-correlation of the input by the output gradient; d2l §7.2.5, per channel pair). Stride 1, dilation 1,
   * groups 1, any padding. Throws "conv2dFast: …" for other geometries, a target of the wrong shape, or no target.
   */
  lossAndGradients(
    k: Weights,
    bias: Float32Array | undefined,
    o: MultiOptions = {},
  ): { loss: number; dK: Float32Array; dBias: Float32Array } {
    const x = this.x;
    if (!x) throw new Error('conv2dFast: no input loaded');
    if (!this.target) throw new Error('conv2dFast: no target set');
    const { geom, groups } = multiGeometry('conv2dFast', x, k, bias, o);
    if (groups !== 1 || geom.strideH !== 1 || geom.strideW !== 1 || geom.dilationH !== 1 || geom.dilationW !== 1)
      throw new Error('conv2dFast: gradients need stride 1, dilation 1 and groups 1');
    const t = this.target.t;
    if (t.c !== k.cOut || t.h !== geom.outH || t.w !== geom.outW)
      throw new Error(`conv2dFast: T is [${t.c}, ${t.h}, ${t.w}], expected [${k.cOut}, ${geom.outH}, ${geom.outW}]`);
    const xp = this.pad(x, geom);
    const plane = geom.outH * geom.outW;
    const tPtr = xp.end;
    const kPtr = align16(tPtr + 4 * t.data.length);
    const bPtr = align16(kPtr + 4 * k.data.length);
    const yPtr = align16(bPtr + 4 * k.cOut);
    const sPtr = align16(yPtr + 4 * k.cOut * plane);
    const gPtr = sPtr + 16;
    const f32 = this.reserve(gPtr + 4 * k.kh * k.kw);
    if (this.target.at !== tPtr) {
      f32.set(t.data, tPtr / 4);
      this.target.at = tPtr;
    }
    f32.set(k.data, kPtr / 4);
    if (bias) f32.set(bias, bPtr / 4);
    else f32.fill(0, bPtr / 4, bPtr / 4 + k.cOut);
    this.ex.corrMulti(this.base, x.c, xp.h, xp.w, kPtr, k.cOut, k.kh, k.kw, bPtr, yPtr);
    const taps = k.kh * k.kw;
    const dK = new Float32Array(k.data.length);
    const dBias = new Float32Array(k.cOut);
    let loss = 0;
    for (let oc = 0; oc < k.cOut; oc++) {
      const rPtr = yPtr + 4 * oc * plane;
      this.ex.residual(rPtr, tPtr + 4 * oc * plane, plane, sPtr);
      const sums = new Float64Array(this.ex.memory.buffer, sPtr, 2);
      loss += sums[0];
      dBias[oc] = 2 * sums[1];
      for (let c = 0; c < x.c; c++) {
        const xc = this.base + 4 * c * xp.h * xp.w;
        if (k.kh === 3 && k.kw === 3 && geom.outW >= 1) this.ex.grad3(xc, xp.w, rPtr, geom.outH, geom.outW, gPtr);
        else this.ex.grad(xc, xp.h, xp.w, rPtr, geom.outH, geom.outW, gPtr);
        const g = new Float32Array(this.ex.memory.buffer, gPtr, taps);
        const at = (oc * x.c + c) * taps;
        for (let q = 0; q < taps; q++) dK[at + q] = 2 * g[q];
      }
    }
    return { loss, dK, dBias };
  }

  /** The zero-padded planes `[c_in, h + pt + pb, w + pl + pr]` in wasm memory at `base` (kept while the padding holds). */
  private pad(x: Planes, g: Geometry): { h: number; w: number; end: number } {
    const key = `${g.padTop},${g.padBottom},${g.padLeft},${g.padRight}`;
    if (this.padded?.key === key) return this.padded;
    const h = x.h + g.padTop + g.padBottom;
    const w = x.w + g.padLeft + g.padRight;
    const end = align16(this.base + 4 * x.c * h * w);
    const f32 = this.reserve(end);
    const b = this.base / 4;
    f32.fill(0, b, b + x.c * h * w);
    for (let c = 0; c < x.c; c++) {
      for (let r = 0; r < x.h; r++) {
        const from = (c * x.h + r) * x.w;
        f32.set(x.data.subarray(from, from + x.w), b + (c * h + r + g.padTop) * w + g.padLeft);
      }
    }
    this.padded = { key, h, w, end };
    return this.padded;
  }

  private reserve(bytes: number): Float32Array {
    return reserveBytes(this.ex.memory, bytes);
  }
}

/** K with dilation d: taps d apart, zeros between (an effective kernel d·(k − 1) + 1 wide; tfjs conv_util). */
function dilate(k: Weights, g: Geometry): Weights {
  if (g.dilationH === 1 && g.dilationW === 1) return k;
  const kh = g.effKH;
  const kw = g.effKW;
  const data = new Float32Array(k.cOut * k.cInPerGroup * kh * kw);
  for (let p = 0; p < k.cOut * k.cInPerGroup; p++) {
    for (let a = 0; a < k.kh; a++) {
      for (let b = 0; b < k.kw; b++) {
        data[(p * kh + a * g.dilationH) * kw + b * g.dilationW] = k.data[(p * k.kh + a) * k.kw + b];
      }
    }
  }
  return { ...k, data, kh, kw };
}

/** Rows i·sH and columns j·sW of the stride-1 planes `[c, h1, w1]` → `[c, outH, outW]` in `out`. */
function takeStrided(src: Float32Array, h1: number, w1: number, g: Geometry, out: Float32Array): void {
  const c = src.length / (h1 * w1);
  if (g.strideH === 1 && g.strideW === 1 && g.outH === h1 && g.outW === w1) {
    out.set(src);
    return;
  }
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < g.outH; i++) {
      const from = (ch * h1 + i * g.strideH) * w1;
      const to = (ch * g.outH + i) * g.outW;
      for (let j = 0; j < g.outW; j++) out[to + j] = src[from + j * g.strideW];
    }
  }
}
