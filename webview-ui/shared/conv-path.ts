// The convolution path of the forward passes (Y = X ⋆ K), chosen per machine beside the TensorFlow.js backend:
// on a real GPU tfjs WebGL; on the cpu backend or a software WebGL (SwiftShader, llvmpipe), where tfjs takes
// 400–4700 ms for a 1-megapixel photo, the fast wasm-SIMD engine of src/core/fast (1–2 ms; bench/last-run.md).
// `ForwardCorr` is the one forward-correlation API every view (and the sidebar) calls.
import { tensor2d, tidy, type Tensor2D } from '@tensorflow/tfjs-core';
import { FastCorr2d, type ParallelCorr2d, type Plane } from '../../src/core/fast';
import type { Geometry } from '../../src/core/geometry';
import { corr2dTensor } from '../../src/core/tfjs/tensor';
import type { BackendPreference } from '../../src/protocol/messages';
import type { BackendChoice } from './backend';

/** Where forward cross-correlations run: the fast engine (wasm-simd or js) or a tfjs backend (webgl or cpu). */
export type ConvPath = 'wasm-simd' | 'js' | 'webgl' | 'cpu';

/** The path in use and why it was chosen (shown in the badge's title). */
export interface ConvPathChoice {
  path: ConvPath;
  reason: string;
}

/**
 * Why this page's WebGL is a software renderer, or undefined for a real GPU (or no WebGL at all). Software: the
 * unmasked renderer names SwiftShader / llvmpipe / "software", or a context only exists when
 * failIfMajorPerformanceCaveat is false (Chromium's sign of a CPU fallback).
 */
export function softwareWebgl(): string | undefined {
  const gl = webglContext(false);
  if (!gl) return undefined;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    const soft = /swiftshader|llvmpipe|software/i.exec(renderer);
    if (soft) return `software WebGL (${soft[0]})`;
    const strict = webglContext(true);
    if (!strict) return 'software WebGL (no context with failIfMajorPerformanceCaveat)';
    release(strict);
    return undefined;
  } finally {
    release(gl);
  }
}

function webglContext(failIfMajorPerformanceCaveat: boolean): WebGLRenderingContext | WebGL2RenderingContext | null {
  const opts = { failIfMajorPerformanceCaveat };
  const c = document.createElement('canvas');
  return (
    (c.getContext('webgl2', opts) as WebGL2RenderingContext | null) ??
    (c.getContext('webgl', opts) as WebGLRenderingContext | null)
  );
}

function release(gl: WebGLRenderingContext | WebGL2RenderingContext): void {
  gl.getExtension('WEBGL_lose_context')?.loseContext();
}

/**
 * Picks the forward path for setting `pref` once the tfjs backend `backend` runs. `software` is `softwareWebgl()`
 * (passed in so tests can choose). auto: tfjs webgl on a GPU, else the fast engine; webgl/cpu: that tfjs backend
 * for everything; wasm: the fast engine (wasm-simd, or js when WebAssembly SIMD cannot compile here).
 */
export function chooseConvPath(
  pref: BackendPreference,
  backend: string,
  software: string | undefined,
  fast: () => FastCorr2d,
): { choice: ConvPathChoice; engine?: FastCorr2d } {
  const tfjsPath = (reason: string) => ({
    choice: { path: (backend === 'webgl' ? 'webgl' : 'cpu') as ConvPath, reason },
  });
  if (pref === 'webgl' || pref === 'cpu') return tfjsPath(`tfjs ${backend}: set by conv2d.backend`);
  if (pref === 'auto' && backend === 'webgl' && !software) return tfjsPath('tfjs webgl: a GPU renderer');
  const engine = fast();
  const why =
    pref === 'wasm'
      ? 'set by conv2d.backend'
      : backend === 'webgl'
        ? `${software} is slower`
        : `tfjs runs on ${backend}`;
  const how =
    engine.path === 'wasm-simd' ? 'WebAssembly SIMD' : 'plain JavaScript (WebAssembly SIMD cannot compile here)';
  return { choice: { path: engine.path, reason: `${how}: ${why}` }, engine };
}

/**
 * The path of a view whose output is computed by tfjs itself on `backend` (e.g. the Step panel, which needs padding,
 * stride and dilation the fast engine does not have): 'webgl' or 'cpu', with `why` as its reason. The badge must
 * show this path rather than the machine's fast path, which that view's output never touches.
 */
export function tfjsConvPath(backend: string, why: string): ConvPathChoice {
  return { path: backend === 'webgl' ? 'webgl' : 'cpu', reason: `tfjs ${backend}: ${why}` };
}

/**
 * True when `ForwardCorr` computes the layer of geometry `g` (src/core/geometry `convGeometry`): no padding, stride 1
 * and dilation 1 in both directions — the fast engine knows only the valid, dense cross-correlation (d2l §7.2.1).
 */
export function forwardApplies(g: Geometry): boolean {
  const noPad = g.padTop === 0 && g.padBottom === 0 && g.padLeft === 0 && g.padRight === 0;
  return noPad && g.strideH === 1 && g.strideW === 1 && g.dilationH === 1 && g.dilationW === 1;
}

/**
 * Forward valid cross-correlation on the chosen path: `load(X)` once per image, `corr(K)` per kernel (on the fast
 * engine X stays in wasm memory, so a kernel edit copies only K). `X: [h, w]`, `K: [kh, kw]` →
 * `[h − kh + 1, w − kw + 1]` float32 (d2l §7.2.1). Throws "corr2dFast: …" / "corr2d: …" for a kernel larger than X.
 */
export class ForwardCorr {
  private x: Tensor2D | undefined;
  private plane: Plane | undefined;

  /**
   * `split`: the fast engine with Web Workers beside it (./fast-workers.ts); large correlations are split by rows
   * over the page and the workers, small ones stay on the page.
   */
  constructor(
    readonly choice: ConvPathChoice,
    private readonly engine: FastCorr2d | undefined,
    private readonly split?: ParallelCorr2d,
  ) {}

  /** Keeps `x` for the next `corr` calls (replaces the previous image; the caller must not change `x.data`). */
  load(x: Plane): void {
    this.dispose();
    this.plane = x;
    // The workers get their copies in the background; a worker's failure leaves the split on the page alone.
    if (this.split) this.split.load(x).catch(() => undefined);
    else if (this.engine) this.engine.load(x);
    else this.x = tensor2d(x.data, [x.h, x.w], 'float32');
  }

  /** How many threads the last `corr` used (1 unless split over workers). */
  get threads(): number {
    return this.split?.last.threads ?? 1;
  }

  /** `X ⋆ K` into `out` when given (length must be the output size). Throws "… no image loaded" before `load`. */
  async corr(k: Plane, out?: Float32Array): Promise<Float32Array> {
    if (this.split) return this.split.corr(k, out);
    if (this.engine) return this.engine.corrLoaded(k, out);
    const x = this.x;
    if (!x || !this.plane) throw new Error('corr2d: no image loaded');
    const y = tidy(() => corr2dTensor(x, tensor2d(k.data, [k.h, k.w], 'float32')));
    try {
      const data = (await y.data()) as Float32Array;
      if (!out) return Float32Array.from(data);
      out.set(data);
      return out;
    } finally {
      y.dispose();
    }
  }

  /** True on the fast engine, where `corrKept` leaves results in wasm memory (no copy out). */
  get keeps(): boolean {
    return !!this.engine;
  }

  /**
   * `corr(k)` on the fast engine left in wasm memory (FastCorr2d.corrKept): valid while it is `shown`, the result on
   * screen, which this call leaves intact; elsewhere a new array. One call at a time.
   */
  async corrKept(k: Plane, shown?: Float32Array): Promise<Float32Array> {
    if (this.split) return this.split.corrKept(k, shown);
    if (this.engine) return this.engine.corrKept(k, shown);
    return this.corr(k);
  }

  /** Releases the image tensor (tfjs paths); the fast engine keeps its memory for the next image. */
  dispose(): void {
    this.x?.dispose();
    this.x = undefined;
    this.plane = undefined;
  }
}

/** Starts workers beside a wasm engine (./fast-workers.ts `splitOverWorkers`; passed in, so only the views that split carry the worker's script). */
export type SplitOver = (engine: FastCorr2d) => ParallelCorr2d | undefined;

/**
 * The views' BackendChoice for tfjs backend `backend` with forward passes on `conv.path`: a new ForwardCorr per image a
 * view keeps loaded, and a new fast engine on that path when it is 'wasm-simd' or 'js' (else none).
 */
export function backendChoice(backend: string, reason: string, conv: ConvPathChoice): BackendChoice {
  const fast = conv.path === 'wasm-simd' || conv.path === 'js' ? conv.path : undefined;
  const engine = () => (fast ? FastCorr2d.create(fast) : undefined);
  const forward = (split?: SplitOver) => {
    const e = engine();
    return new ForwardCorr(conv, e, split && e?.path === 'wasm-simd' ? split(e) : undefined);
  };
  return { backend, reason, conv, forward, engine };
}
