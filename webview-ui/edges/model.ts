// The edge panel's data, outside the persisted state: decoded photos (kept per URI: pixels are too large to save),
// the input plane the cross-correlation runs on, and the computation itself on the view's forward path (the image
// stays loaded between kernel edits; only the kernel travels per edit).
import { signal } from '@preact/signals';
import { convGeometry, type Geometry } from '../../src/core/geometry';
import { EDGES_MAX_SIDE } from '../../src/core/limits';
import { transpose, type Matrix } from '../../src/core/matrix';
import { edgeImage } from '../../src/core/fixtures';
import type { BackendChoice } from '../shared/backend';
import type { ForwardCorr } from '../shared/conv-path';
import { splitOverWorkers } from '../shared/fast-workers';
import { loadImage } from '../shared/image/decode';
import { channelOf, downscaleArea, fitSize, toGray } from '../shared/image/pixels';
import { storedAs, type StoredAs } from '../shared/image/stored';
import { valueRange, type Range } from './scale';
import { transposeImage, type EdgeState } from './state';
import { CHANNEL, kernelSize, type GalleryFilter, type Reads } from './filters';
import { explain } from '../shared/explain';
import { GalleryBatch } from './batch';

/** A grayscale plane `[h·w]`, row-major. */
export interface Plane {
  data: Float32Array;
  w: number;
  h: number;
}

/** Colour channels are kept for photos up to this many pixels (three more float planes; 2048² is 48 MB). */
export const COLOUR_MAX_PIXELS = 2048 * 2048;

/** A decoded photo as the panel computes on it: gray, scaled down to EDGES_MAX_SIDE when larger. */
export interface Photo {
  uri: string;
  name: string;
  gray: Plane;
  /** R, G and B at the same size as `gray`, for a colour photo up to COLOUR_MAX_PIXELS (else undefined). */
  rgb?: [Plane, Plane, Plane];
  origW: number;
  origH: number;
  format: string;
  transparent: number;
  caveat?: string;
  /** How the file stores its pixels (for exported code that reads it again). */
  stored: StoredAs;
}

/** X as computed on (after the transpose toggle), and how to show it. */
export interface Input {
  plane: Plane;
  /** R, G, B planes of a colour photo (transposed with the gray one). */
  rgb?: [Plane, Plane, Plane];
  /** The matrix, when X came as one (shown as a grid when small). */
  matrix?: Matrix;
  photo?: Photo;
}

/** One computation's result. */
export interface Output {
  input: Input;
  K: Matrix;
  geom: Geometry;
  Y: Float32Array;
  range: Range;
  ms: number;
  /** Threads the correlation ran on (2 when split over the page and a Web Worker). */
  threads: number;
}

/** A message about loading a photo: an error (the file is broken) or a warning (a saved photo could not come back). */
export interface Notice {
  kind: 'error' | 'warning';
  text: string;
}

/**
 * One map of the gallery: its filter's Y `[outH·outW]` (summed over channels) and `partsAt(i, j)`, each channel's
 * share of Y at output pixel (i, j) (one number per plane the filter reads, d2l §7.4.1) — or why it has none. On the
 * fast engine Y is a view of a buffer the model reuses at the next repaint (see GalleryBatch).
 */
export type GalleryMap =
  | { filter: GalleryFilter; geom: Geometry; Y: Float32Array; range: Range; partsAt(i: number, j: number): number[] }
  | { filter: GalleryFilter; error: string };

/** The panel's decoded photos and its forward path. */
export class EdgesModel {
  private readonly photos = new Map<string, Photo>();
  /** The last photo problem; cleared when another X is shown. */
  readonly notice = signal<Notice | undefined>(undefined);
  /** The name of the photo being decoded, if any. */
  readonly loading = signal<string | undefined>(undefined);
  /** Bumped when a photo finishes decoding (the inputs of the state may have become available). */
  readonly decoded = signal(0);
  private readonly forward: ForwardCorr;
  private loaded: Plane | undefined;
  /**
   * Off the fast engine (which keeps Y in wasm memory, ForwardCorr.corrKept), two Y buffers used in turn: `compute`
   * fills the one the last returned Output does not hold (that one is on screen), so a repaint allocates nothing (a
   * fresh 4 MB array costs ~10 ms of page faults on first write here).
   */
  private readonly ys: Float32Array[] = [];
  private shownY: Float32Array | undefined;
  /** One forward path per plane the gallery reads (luma, R, G, B), each with its plane resident. */
  private readonly planes = new Map<string, { corr: ForwardCorr; plane?: Plane }>();
  /** The gallery as multi-channel calls on the fast engine (created at the first gallery on the wasm-simd path). */
  private batch: GalleryBatch | null | undefined;

  constructor(readonly backend: BackendChoice) {
    // The panel's photo: large correlations split over the page and a Web Worker.
    this.forward = backend.forward(splitOverWorkers);
  }

  /** The photo at `uri` if it was decoded, else undefined. */
  photo(uri: string): Photo | undefined {
    return this.photos.get(uri);
  }

  /** Decodes the photo at `uri` (kept for later). Throws "Could not decode <name>: …" (see loadImage). */
  async open(uri: string, name: string): Promise<Photo> {
    this.loading.value = name;
    try {
      const photo = await this.decode(uri, name);
      this.decoded.value++;
      return photo;
    } finally {
      this.loading.value = undefined;
    }
  }

  private async decode(uri: string, name: string): Promise<Photo> {
    const img = await loadImage(uri, name);
    const fit = fitSize(img.w, img.h, EDGES_MAX_SIDE);
    const fitted = (p: Float32Array) => (fit.scaled ? downscaleArea(p, img.w, img.h, fit.w, fit.h) : p);
    const colour = img.channels >= 3 && fit.w * fit.h <= COLOUR_MAX_PIXELS;
    const rgb = colour
      ? ([0, 1, 2].map((c) => ({ data: fitted(channelOf(img, c)), w: fit.w, h: fit.h })) as [Plane, Plane, Plane])
      : undefined;
    const photo: Photo = {
      uri,
      name,
      gray: { data: fitted(toGray(img)), w: fit.w, h: fit.h },
      rgb,
      origW: img.w,
      origH: img.h,
      format: img.format,
      transparent: img.transparent,
      caveat: img.caveat,
      stored: storedAs(img),
    };
    this.photos.set(uri, photo);
    return photo;
  }

  /** The input of state `s`, or undefined while its photo is not decoded. */
  inputOf(s: EdgeState): Input | undefined {
    const src = s.source;
    if (src.kind === 'photo') {
      const photo = this.photos.get(src.uri);
      if (!photo) return undefined;
      const turn = (p: Plane): Plane => (s.transposed ? { data: transposeImage(p.data, p.w, p.h), w: p.h, h: p.w } : p);
      const rgb = photo.rgb && (photo.rgb.map(turn) as [Plane, Plane, Plane]);
      return { plane: turn(photo.gray), rgb, photo };
    }
    const X0 = src.kind === 'matrix' ? src.X : edgeImage();
    const X = s.transposed ? transpose(X0) : X0;
    return { plane: { data: Float32Array.from(X.flat()), h: X.length, w: X[0].length }, matrix: X };
  }

  /**
   * The gallery's multi-channel engine when the forward path is wasm-simd (and it starts), else undefined: the tfjs
   * and plain-JavaScript paths keep one forward correlation per plane (`galleryMap`).
   */
  galleryBatch(): GalleryBatch | undefined {
    if (this.batch === undefined)
      this.batch = this.backend.conv.path === 'wasm-simd' ? (GalleryBatch.create() ?? null) : null;
    return this.batch ?? undefined;
  }

  /**
   * One gallery map on the per-plane path: each plane the filter reads correlated with its kernel on a forward path of its own (the plane
   * stays loaded between calls), summed over the channels (d2l §7.4.1). Throws for a kernel larger than X, or a colour
   * filter on an image without colour.
   */
  async galleryMap(input: Input, filter: GalleryFilter): Promise<GalleryMap> {
    const reads = filter.reads;
    const names = reads === 'rgb' ? (['R', 'G', 'B'] as const) : [reads];
    if (reads !== 'luma' && !input.rgb)
      throw new Error(`${filter.label} reads colour channels; this X has none (a gray image or a matrix)`);
    const planeOf = (name: Reads): Plane =>
      name === 'luma' ? input.plane : (input.rgb as [Plane, Plane, Plane])[CHANNEL[name as 'R' | 'G' | 'B']];
    const [kh, kw] = kernelSize(filter);
    const geom = convGeometry({ inH: input.plane.h, inW: input.plane.w, kH: kh, kW: kw }, 'edges');
    const parts: Float32Array[] = [];
    for (const [k, name] of names.entries()) {
      let slot = this.planes.get(name);
      if (!slot) this.planes.set(name, (slot = { corr: this.backend.forward() }));
      const plane = planeOf(name);
      if (slot.plane !== plane) {
        slot.corr.load(plane);
        slot.plane = plane;
      }
      const K = filter.K[k];
      parts.push(await slot.corr.corr({ data: Float32Array.from(K.flat()), h: kh, w: kw }));
    }
    const Y = parts.length === 1 ? parts[0] : sumOf(parts as [Float32Array, Float32Array, Float32Array]);
    const partsAt = (i: number, j: number) => parts.map((y) => y[i * geom.outW + j]);
    return { filter, geom, Y, range: valueRange(Y, geom.outW), partsAt };
  }

  /**
   * Y = X ⋆ K, 'valid' (d2l §7.2.1), on the view's forward path; the geometry from convGeometry. Throws the core's
   * KernelTooLargeError when K does not fit (the view explains it).
   */
  async compute(req: { input: Input; K: Matrix }): Promise<Output> {
    const { input, K } = req;
    const t0 = performance.now();
    const geom = convGeometry({ inH: input.plane.h, inW: input.plane.w, kH: K.length, kW: K[0].length }, 'edges');
    if (this.loaded !== input.plane) {
      this.forward.load(input.plane);
      this.loaded = input.plane;
    }
    const k = { data: Float32Array.from(K.flat()), h: K.length, w: K[0].length };
    // The fast engine keeps Y in wasm memory (no copy out), computing beside the Y on screen; elsewhere a spare buffer.
    const Y = this.forward.keeps
      ? await this.forward.corrKept(k, this.shownY)
      : await this.forward.corr(k, this.spareY(geom.outH * geom.outW));
    this.shownY = Y;
    const ms = performance.now() - t0;
    return { input, K, geom, Y, range: valueRange(Y, geom.outW), ms, threads: this.forward.threads };
  }

  /**
   * A Y buffer of `n` values that the last returned Output does not hold. Results are shown in the order they are
   * made, one at a time (webview-ui/shared/latest.ts), and a failed compute returns nothing: so the buffer on screen
   * is never written.
   */
  private spareY(n: number): Float32Array {
    const free = this.ys.find((y) => y !== this.shownY && y.length === n);
    if (free) return free;
    const y = new Float32Array(n);
    // Keep two: the one on screen and this one (buffers of another size are dropped).
    this.ys.splice(0, this.ys.length, ...this.ys.filter((b) => b === this.shownY && b.length === n), y);
    return y;
  }
}

/**
 * The channel sum a + b + c of three maps (d2l §7.4.1), in a plain loop: a typed array's `map` with a closure took
 * ~40 ms per megapixel map in Chromium, most of a gallery repaint (`npm run bench`, "1 MP RGB × four 3×3×3 filters").
 */
function sumOf([a, b, c]: [Float32Array, Float32Array, Float32Array]): Float32Array {
  const y = new Float32Array(a.length);
  for (let i = 0; i < y.length; i++) y[i] = a[i] + b[i] + c[i];
  return y;
}

/**
 * The gallery's maps for `filters` on `input` (see GalleryMap); a filter that cannot run says why. On the wasm-simd
 * path the filters that read the same planes run as one multi-channel call (GalleryBatch); elsewhere one forward
 * correlation per plane and filter.
 */
export async function galleryMaps(
  model: EdgesModel,
  req: { input: Input; filters: readonly GalleryFilter[] },
): Promise<GalleryMap[]> {
  const batch = model.galleryBatch();
  if (batch) return batch.maps(req.input, req.filters);
  return perPlaneMaps(model, req);
}

/** The maps one filter and one plane at a time (`EdgesModel.galleryMap`): the tfjs and plain-JavaScript paths. */
export async function perPlaneMaps(
  model: EdgesModel,
  req: { input: Input; filters: readonly GalleryFilter[] },
): Promise<GalleryMap[]> {
  const maps: GalleryMap[] = [];
  for (const filter of req.filters) {
    try {
      maps.push(await model.galleryMap(req.input, filter));
    } catch (e) {
      maps.push({ filter, error: explain(e, 'edges') });
    }
  }
  return maps;
}
