// Max-|value| pooling on WebAssembly SIMD (./assembly/pool.ts): a large feature map shown on a small canvas keeps
// its extremes, so a one-pixel edge survives at any zoom. The plain-JavaScript twin and the reference behaviour live
// in webview-ui/shared/image/pixels.ts (`poolMaxAbs`), which dispatches here when WebAssembly SIMD runs.

import { align16, instantiateKernels, reserveBytes, type KernelExports, type WasmVariant } from './wasm';

/** A pooled map: `data: [oh·ow]` the values shown, `at: [oh·ow]` the source index each came from. */
export interface Pooled {
  data: Float32Array;
  at: Int32Array;
}

/**
 * Arrays for an `n`-pixel result: `into`'s when their length is `n` (a fresh megabyte-sized typed array costs a page
 * fault per 4 kB on first write, measured 0.5 ms for a 220² result on this project's machines), else new ones.
 */
export function pooledBuffers(n: number, into?: Pooled): Pooled {
  if (into && into.data.length === n && into.at.length === n) return { data: into.data, at: into.at };
  return { data: new Float32Array(n), at: new Int32Array(n) };
}

/** `edge[x]`: the first of `n` source indices whose output index ⌊i·m/n⌋ is x (`edge[m] = n`), for m ≤ n. */
export function blockEdges(n: number, m: number): Int32Array {
  const edge = new Int32Array(m + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) edge[Math.min(m - 1, Math.floor((i * m) / n))] = i;
  return edge;
}

/** The pooling engine: one wasm instance whose memory grows to the largest map seen. */
export class WasmPool {
  private readonly base: number;

  private constructor(
    private readonly ex: KernelExports,
    readonly variant: WasmVariant,
  ) {
    this.base = align16(ex.heapBase());
  }

  /** The engine on the first wasm build that runs here, or undefined without WebAssembly SIMD (or under a CSP without 'wasm-unsafe-eval'). */
  static create(order?: readonly WasmVariant[]): WasmPool | undefined {
    const k = instantiateKernels(order);
    return k && new WasmPool(k.exports, k.variant);
  }

  /**
   * `src: [h, w]` (row-major) pooled onto `[oh, ow]`: each output pixel takes the value of largest magnitude in its
   * block (block x spans the source columns i with ⌊i·ow/w⌋ = x, likewise rows); equal magnitudes go to the first in
   * row-major order; NaN never wins, so a block of NaN shows its first pixel. Writes into `into`'s arrays when they
   * fit (the caller's previous result, which it no longer reads); the returned object is always new.
   * @throws RangeError when the grid is not smaller (ow > w or oh > h), is empty, or `src` is not h·w long.
   */
  pool(src: Float32Array, w: number, h: number, ow: number, oh: number, into?: Pooled): Pooled {
    if (ow > w || oh > h) throw new RangeError(`poolMaxAbs: ${oh}×${ow} is larger than the source ${h}×${w}`);
    if (!(ow >= 1 && oh >= 1)) throw new RangeError(`poolMaxAbs: the output grid ${oh}×${ow} is empty`);
    if (src.length !== w * h) throw new RangeError(`poolMaxAbs: the source has ${src.length} values, not ${h}×${w}`);
    const edgePtr = align16(this.base + 4 * w * h);
    const rowsPtr = align16(edgePtr + 4 * (ow + 1));
    const colMax = align16(rowsPtr + 4 * (oh + 1));
    const colAt = align16(colMax + 4 * w);
    const dataPtr = align16(colAt + 4 * w);
    const atPtr = align16(dataPtr + 4 * ow * oh);
    this.reserve(atPtr + 4 * ow * oh);
    const buf = this.ex.memory.buffer;
    new Float32Array(buf, this.base, w * h).set(src);
    new Int32Array(buf, edgePtr, ow + 1).set(blockEdges(w, ow));
    new Int32Array(buf, rowsPtr, oh + 1).set(blockEdges(h, oh));
    this.ex.poolMaxAbs(this.base, w, ow, oh, edgePtr, rowsPtr, colMax, colAt, dataPtr, atPtr);
    // set, not slice: Chromium's slice of a view on wasm memory copies element by element (see copyOut in ./wasm).
    const out = pooledBuffers(ow * oh, into);
    out.data.set(new Float32Array(buf, dataPtr, ow * oh));
    out.at.set(new Int32Array(buf, atPtr, ow * oh));
    return out;
  }

  private reserve(bytes: number): void {
    reserveBytes(this.ex.memory, bytes);
  }
}
