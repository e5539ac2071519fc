// The gallery's maps on the fast wasm engine as a few multi-channel calls instead of one call per plane and filter:
// filters that read the same planes with the same kernel size are the output channels of ONE convolution
// (d2l §7.4.2): the luma filters are K [c_out, 1, kh, kw] over the luma plane, the 'rgb' filters K [c_out, 3, kh, kw]
// over [R, G, B] (the channel sum happens inside the call, §7.4.1), an 'R'/'G'/'B' filter K [c_out, 1, kh, kw] over
// its plane. Each group's planes stay in their engine's wasm memory until the input changes, and each group's Y
// buffer is reused from one repaint to the next: a repaint of four 1-megapixel maps used to allocate twelve 4 MB
// arrays and sum them, which cost far more than the arithmetic (`npm run bench -- --only rgb`, bench/last-run.md).
import { FastConv2d, type Planes } from '../../src/core/fast';
import { convGeometry } from '../../src/core/geometry';
import { explain } from '../shared/explain';
import { CHANNEL, kernelSize, type GalleryFilter, type Reads } from './filters';
import type { GalleryMap, Input, Plane } from './model';
import { rangeOf, valueRange } from './scale';

/** The planes a filter reads, in the order of its kernels: [luma], [R], [G], [B] or [R, G, B]. */
export function planesOf(input: Input, reads: Reads): Plane[] {
  if (reads === 'luma') return [input.plane];
  if (!input.rgb) throw new Error(`reads colour channels; this X has none (a gray image or a matrix)`);
  return reads === 'rgb' ? [...input.rgb] : [input.rgb[CHANNEL[reads]]];
}

/**
 * Each channel's share of a map's value at output pixel (i, j): Σ_a Σ_b K_c[a][b] · X_c[i + a][j + b] for every
 * plane c the filter reads (d2l §7.4.1), in float64 from the window alone — kh·kw·c_in multiply-adds, so the probe
 * needs no full map per channel. `planes`: `[c][h·w]` as from `planesOf`; `K`: `[c][kh][kw]`.
 */
export function sharesAt(
  planes: readonly Plane[],
  K: readonly (readonly number[][])[],
  i: number,
  j: number,
): number[] {
  return planes.map((x, c) => {
    let s = 0;
    for (let a = 0; a < K[c].length; a++) {
      const row = (i + a) * x.w + j;
      for (let b = 0; b < K[c][a].length; b++) s += K[c][a][b] * x.data[row + b];
    }
    return s;
  });
}

/** Throws "<label>: …" unless the filter has one kh×kw kernel per plane it reads (three for 'rgb'). */
function checkKernels(f: GalleryFilter): void {
  const want = f.reads === 'rgb' ? 3 : 1;
  if (f.K.length !== want) throw new Error(`${f.label}: has ${f.K.length} kernels, reading ${f.reads} needs ${want}`);
  const [kh, kw] = kernelSize(f);
  f.K.forEach((k, c) => {
    const r = k.findIndex((row) => row.length !== kw);
    if (k.length !== kh || r >= 0)
      throw new Error(`${f.label}: kernel ${c} is not ${kh}×${kw} like kernel 0 (row ${r >= 0 ? r : k.length})`);
  });
}

interface Slot {
  engine: FastConv2d;
  /** The planes now loaded (compared by identity: a new input brings new planes). */
  planes?: readonly Plane[];
}

/** The gallery on the fast engine: one FastConv2d per kind of read, its planes resident, Y buffers reused. */
export class GalleryBatch {
  private readonly slots = new Map<Reads, Slot>();
  private readonly outs = new Map<string, Float32Array>();

  private constructor(private readonly create: () => FastConv2d | undefined) {}

  /** A batch on the wasm-SIMD engine, or undefined where WebAssembly SIMD cannot compile (then use the per-plane path). */
  static create(): GalleryBatch | undefined {
    const probe = FastConv2d.create();
    if (!probe) return undefined;
    let first: FastConv2d | undefined = probe;
    return new GalleryBatch(() => {
      const e = first ?? FastConv2d.create();
      first = undefined;
      return e;
    });
  }

  /**
   * The maps of `filters` on `input`, in their order (see GalleryMap). `Y` of each map is a view of a buffer this
   * batch owns and overwrites at the next call: draw it or copy it before then. A filter that cannot run (colour on
   * a gray X, a kernel larger than X, kernels of unequal size) gets its error; the others are still made.
   */
  maps(input: Input, filters: readonly GalleryFilter[]): GalleryMap[] {
    const maps: GalleryMap[] = new Array(filters.length);
    const groups = new Map<string, number[]>();
    filters.forEach((f, q) => {
      try {
        checkKernels(f);
        planesOf(input, f.reads);
      } catch (e) {
        maps[q] = { filter: f, error: explain(withLabel(f, e), 'edges') };
        return;
      }
      const key = `${f.reads} ${kernelSize(f).join('×')}`;
      groups.set(key, [...(groups.get(key) ?? []), q]);
    });
    for (const [key, members] of groups) {
      try {
        this.run(key, input, members, filters, maps);
      } catch (e) {
        for (const q of members) maps[q] = { filter: filters[q], error: explain(e, 'edges') };
      }
    }
    // Buffers of groups that are gone (a filter removed, a kernel resized) would hold megabytes for nothing.
    for (const key of this.outs.keys()) if (!groups.has(key)) this.outs.delete(key);
    return maps;
  }

  /** One multi-channel call for the filters `members` (same read, same kernel size); their maps into `maps`. */
  private run(key: string, input: Input, members: number[], filters: readonly GalleryFilter[], maps: GalleryMap[]) {
    const first = filters[members[0]];
    const [kh, kw] = kernelSize(first);
    const planes = planesOf(input, first.reads);
    const geom = convGeometry({ inH: input.plane.h, inW: input.plane.w, kH: kh, kW: kw }, 'edges');
    const engine = this.loaded(first.reads, planes);
    const taps = planes.length * kh * kw;
    const k = new Float32Array(members.length * taps);
    members.forEach((q, o) => k.set(filters[q].K.flat(2), o * taps));
    const size = geom.outH * geom.outW;
    const out = this.buffer(key, members.length * size);
    const y = engine.forwardView({ data: k, cOut: members.length, cInPerGroup: planes.length, kh, kw });
    out.set(y.data);
    // The scales from a SIMD scan of Y while it is still in wasm memory (a JavaScript pass costs ~2 ms a megapixel);
    // after the copy: planeRanges may grow the memory, which detaches y.data.
    const ranges = engine.planeRanges(y);
    members.forEach((q, o) => {
      const filter = filters[q];
      // A fresh view per repaint: components that memoise on Y's identity (HeatCanvas's pooling) see a new map.
      const Y = out.subarray(o * size, (o + 1) * size);
      const K = filter.K.map((m) => m.map((row) => [...row]));
      const range = ranges ? rangeOf(ranges[o], Y, geom.outW) : valueRange(Y, geom.outW);
      maps[q] = { filter, geom, Y, range, partsAt: (i, j) => sharesAt(planes, K, i, j) };
    });
  }

  /** The engine for `reads` with `planes` loaded (stacked into [c, h, w] once per new input). */
  private loaded(reads: Reads, planes: readonly Plane[]): FastConv2d {
    let slot = this.slots.get(reads);
    if (!slot) {
      const engine = this.create();
      if (!engine) throw new Error('edges: the WebAssembly SIMD engine could not start');
      this.slots.set(reads, (slot = { engine }));
    }
    if (!slot.planes || slot.planes.some((p, c) => p !== planes[c])) {
      slot.engine.load(stack(planes));
      slot.planes = planes;
    }
    return slot.engine;
  }

  /** The Y buffer of group `key`, reused while its size holds. */
  private buffer(key: string, length: number): Float32Array {
    let out = this.outs.get(key);
    if (out?.length !== length) this.outs.set(key, (out = new Float32Array(length)));
    return out;
  }
}

/** Planes `[h·w]` each → one `[c, h, w]` (a single plane is used as it is). */
function stack(planes: readonly Plane[]): Planes {
  const { h, w } = planes[0];
  if (planes.length === 1) return { data: planes[0].data, c: 1, h, w };
  const data = new Float32Array(planes.length * h * w);
  planes.forEach((p, c) => data.set(p.data, c * h * w));
  return { data, c: planes.length, h, w };
}

/** The error of a filter's check with the filter's label in front when the message lacks it. */
function withLabel(f: GalleryFilter, e: unknown): unknown {
  if (!(e instanceof Error) || e.message.startsWith(f.label)) return e;
  return new Error(`${f.label} ${e.message}`);
}
