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
import { loadImage } from '../shared/image/decode';
import { downscaleArea, fitSize, toGray } from '../shared/image/pixels';
import { storedAs, type StoredAs } from '../shared/image/stored';
import { valueRange, type Range } from './scale';
import { transposeImage, type EdgeState } from './state';

/** A grayscale plane `[h·w]`, row-major. */
export interface Plane {
  data: Float32Array;
  w: number;
  h: number;
}

/** A decoded photo as the panel computes on it: gray, scaled down to EDGES_MAX_SIDE when larger. */
export interface Photo {
  uri: string;
  name: string;
  gray: Plane;
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
}

/** A message about loading a photo: an error (the file is broken) or a warning (a saved photo could not come back). */
export interface Notice {
  kind: 'error' | 'warning';
  text: string;
}

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

  constructor(readonly backend: BackendChoice) {
    this.forward = backend.forward();
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
    const full = toGray(img);
    const data = fit.scaled ? downscaleArea(full, img.w, img.h, fit.w, fit.h) : full;
    const photo: Photo = {
      uri,
      name,
      gray: { data, w: fit.w, h: fit.h },
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
      const { data, w, h } = photo.gray;
      return { plane: s.transposed ? { data: transposeImage(data, w, h), w: h, h: w } : photo.gray, photo };
    }
    const X0 = src.kind === 'matrix' ? src.X : edgeImage();
    const X = s.transposed ? transpose(X0) : X0;
    return { plane: { data: Float32Array.from(X.flat()), h: X.length, w: X[0].length }, matrix: X };
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
    const Y = await this.forward.corr({ data: Float32Array.from(K.flat()), h: K.length, w: K[0].length });
    return { input, K, geom, Y, range: valueRange(Y), ms: performance.now() - t0 };
  }
}
