// A 1-megapixel RGB photo through four 3×3×3 filters as one repaint of the Detect Edges gallery (issue 11's bench
// line): the product's own code — galleryMaps on the view's forward path (on wasm-simd the four filters as one
// multi-channel call, webview-ui/edges/batch.ts, [R, G, B] resident, Y buffers reused), the symmetric scale, the
// max |·| pooling to the map's canvas and drawHeat — and the per-plane path it replaced (EdgesModel.galleryMap: one
// correlation per plane and filter, d2l §7.4.1's sum over channels in JavaScript) — beside tfjs's conv2d on its wasm backend (XNNPACK) on the same tensors in the same page (NHWC / HWIO prepared once,
// outside the timing; its result read back).
import { conv2d, getBackend, ready, setBackend, tensor4d, type Tensor4D } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { FastConv2d, FastCorr2d } from '../../src/core/fast';
import { kernelPreset } from '../../src/core/presets';
import { mulberry32 } from '../../src/core/random';
import type { Matrix } from '../../src/core/matrix';
import type { BackendChoice } from '../../webview-ui/shared/backend';
import { backendChoice, type ConvPathChoice } from '../../webview-ui/shared/conv-path';
import { drawHeat } from '../../webview-ui/shared/heatmap';
import { LUMA, poolMaxAbs } from '../../webview-ui/shared/image/pixels';
import type { Pooled } from '../../src/core/fast/pool';
import { displaySize } from '../../webview-ui/edges/display';
import type { GalleryFilter } from '../../webview-ui/edges/filters';
import {
  EdgesModel,
  galleryMaps,
  perPlaneMaps,
  type GalleryMap,
  type Input,
  type Plane,
} from '../../webview-ui/edges/model';
import { summarise, time, type Timing } from '../lib';
import type { WasmUrls } from './multi';

export interface GalleryBench {
  n: number;
  path: string;
  /** One repaint: four maps computed (galleryMaps: one [4, 3, 3, 3] call on wasm-simd, the scales) and drawn. */
  repaint: Timing;
  /** Of which the maps only (galleryMaps). */
  compute: Timing;
  /** Of which the drawing only: max |·| pooling to the canvas and drawHeat, ×4. */
  drawOnly: Timing;
  /** The per-plane path (12 plane correlations, the channel sums, the scales) and the drawing: the repaint before. */
  perPlane: Timing;
  /** The same four filters as one FastConv2d call, K [4, 3, 3, 3] (not what the gallery runs; for comparison). */
  oneCall: Timing;
  tfjs?: Timing;
  tfjsBackend?: string;
  /** Largest |difference| of tfjs's maps (and the one-call maps) from the gallery's. */
  maxDiff: { tfjs?: number; oneCall: number; perPlane: number };
  errors: string[];
}

/** Luma weights ⊗ K: the 3-channel kernel that computes K over the luma (d2l §7.4.1). */
function overLuma(K: Matrix): Matrix[] {
  return [LUMA.r, LUMA.g, LUMA.b].map((w) => K.map((row) => row.map((v) => w * v)));
}

/** Four 3×3×3 filters: Sobel x, Sobel y and the Laplacian over the luma, and a seeded random full-rank one. */
function fourFilters(): GalleryFilter[] {
  const next = mulberry32(11);
  const random = [0, 1, 2].map(() => [0, 1, 2].map(() => [0, 1, 2].map(() => next() * 2 - 1)));
  return [
    { label: 'Sobel x', reads: 'rgb', K: overLuma(kernelPreset('sobel-x').kernel) },
    { label: 'Sobel y', reads: 'rgb', K: overLuma(kernelPreset('sobel-y').kernel) },
    { label: 'Laplacian', reads: 'rgb', K: overLuma(kernelPreset('laplacian').kernel) },
    { label: 'random', reads: 'rgb', K: random },
  ];
}

/** The gallery's backend on the fast path (what chooseBackend picks with software WebGL): one engine per plane. */
function fastBackend(): BackendChoice {
  const conv: ConvPathChoice = {
    path: FastCorr2d.create().path,
    reason: 'bench: the fast path, as with software WebGL',
  };
  return backendChoice('cpu', 'bench', conv);
}

const lastPooled = new WeakMap<HTMLCanvasElement, Pooled>();

/** What the gallery's MapView does per map: pool to its canvas when larger, then draw (HeatCanvas, Canvases.tsx). */
function draw(maps: GalleryMap[], canvases: HTMLCanvasElement[]): void {
  maps.forEach((m, k) => {
    if ('error' in m) throw new Error(`${m.filter.label}: ${m.error}`);
    const { outW: w, outH: h } = m.geom;
    const d = displaySize(w, h, devicePixelRatio, 220);
    // HeatCanvas refills its previous pooling's arrays; so does this.
    const pooled = d.shrunk ? poolMaxAbs(m.Y, w, h, d.backW, d.backH, lastPooled.get(canvases[k])) : undefined;
    if (pooled) lastPooled.set(canvases[k], pooled);
    const shown = pooled ? pooled.data : m.Y;
    drawHeat(canvases[k], shown, d.backH, d.backW, { kind: 'diverging', lo: -m.range.m, hi: m.range.m });
  });
}

/** Times an async function like lib.ts `time`: one warm-up, then ≥ minRuns runs within budgetMs (≤ maxRuns). */
async function timeAsync(fn: () => Promise<unknown>, minRuns: number, budgetMs: number, maxRuns: number) {
  await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** `rgbB64`: n×n RGB bytes (3 per pixel) from bench/browser.ts photoRgb; values read as v/255 like a decoded PNG. */
export async function gallery(rgbB64: string, n: number, urls: WasmUrls): Promise<GalleryBench> {
  const bytes = Uint8Array.from(atob(rgbB64), (c) => c.charCodeAt(0));
  const rgb = [0, 1, 2].map((c) => ({
    data: Float32Array.from({ length: n * n }, (_, p) => bytes[p * 3 + c] / 255),
    w: n,
    h: n,
  })) as [Plane, Plane, Plane];
  const luma = rgb[0].data.map((r, p) => LUMA.r * r + LUMA.g * rgb[1].data[p] + LUMA.b * rgb[2].data[p]);
  const input: Input = { plane: { data: luma, w: n, h: n }, rgb };
  const filters = fourFilters();
  const model = new EdgesModel(fastBackend());
  const canvases = filters.map(() => document.body.appendChild(document.createElement('canvas')));
  const req = { input, filters };
  // Each repaint follows an edit of one kernel cell (the gallery recomputes every map on any change of its request).
  let edit = 0;
  const editCell = () => {
    filters[3].K[edit % 3][1][1] = ((edit++ % 9) - 4) / 4;
  };
  const repaint = await timeAsync(
    async () => {
      editCell();
      draw(await galleryMaps(model, req), canvases);
    },
    30,
    4000,
    120,
  );
  const compute = await timeAsync(
    async () => {
      editCell();
      await galleryMaps(model, req);
    },
    30,
    2000,
    120,
  );
  const maps = await galleryMaps(model, req);
  const drawOnly = time(() => draw(maps, canvases), 30, 2000, 120);
  const perPlane = await timeAsync(
    async () => {
      editCell();
      draw(await perPlaneMaps(model, req), canvases);
    },
    10,
    3000,
    30,
  );
  // The per-plane maps as the reference of the batched ones (the same filters after the last edit).
  const planeMaps = await perPlaneMaps(model, req);
  const batched = await galleryMaps(model, req);
  const Ys = batched.map((m) => ('error' in m ? new Float32Array(0) : Float32Array.from(m.Y)));
  const batchDiff = Math.max(...planeMaps.map((m, o) => ('error' in m ? Infinity : maxAbsDiff(m.Y, Ys[o]))));
  const out = n - 2;
  const size = out * out;

  // The four filters as one weight tensor K [4, 3, 3, 3] (PyTorch layout) for FastConv2d and, transposed, for tfjs.
  const kData = Float32Array.from(filters.flatMap((f) => f.K.flat(2)));
  const engine = FastConv2d.create();
  if (!engine) throw new Error('no WebAssembly SIMD in this page');
  engine.load({ data: Float32Array.from(rgb.flatMap((p) => Array.from(p.data))), c: 3, h: n, w: n });
  const weights = { data: kData, cOut: 4, cInPerGroup: 3, kh: 3, kw: 3 };
  const y1 = new Float32Array(4 * size);
  const oneCall = time(() => engine.forward(weights, undefined, {}, y1), 30, 2000, 120);
  const oneCallDiff = Math.max(...Ys.map((Y, o) => maxAbsDiff(Y, y1.subarray(o * size, (o + 1) * size))));

  const errors: string[] = [];
  let tfjs: Timing | undefined;
  let tfjsBackend: string | undefined;
  let tfjsDiff: number | undefined;
  try {
    if (getBackend() !== 'wasm') {
      setWasmPaths({
        'tfjs-backend-wasm-simd.wasm': urls.tfjsSimd,
        'tfjs-backend-wasm.wasm': urls.tfjsPlain,
        'tfjs-backend-wasm-threaded-simd.wasm': urls.tfjsThreaded,
      });
      if (!(await setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
      await ready();
    }
    tfjsBackend = getBackend();
    const nhwc = new Float32Array(n * n * 3);
    for (let c = 0; c < 3; c++) for (let p = 0; p < n * n; p++) nhwc[p * 3 + c] = rgb[c].data[p];
    const hwio = new Float32Array(9 * 3 * 4);
    for (let o = 0; o < 4; o++)
      for (let c = 0; c < 3; c++) for (let t = 0; t < 9; t++) hwio[(t * 3 + c) * 4 + o] = kData[(o * 3 + c) * 9 + t];
    const xt: Tensor4D = tensor4d(nhwc, [1, n, n, 3]);
    const ft = tensor4d(hwio, [3, 3, 3, 4]);
    let last: Float32Array = new Float32Array(0);
    tfjs = time(
      () => {
        const t = conv2d(xt, ft, 1, 'valid');
        last = t.dataSync() as Float32Array;
        t.dispose();
      },
      30,
      4000,
      120,
    );
    let m = 0;
    for (let o = 0; o < 4; o++) for (let p = 0; p < size; p++) m = Math.max(m, Math.abs(last[p * 4 + o] - Ys[o][p]));
    tfjsDiff = m;
    xt.dispose();
    ft.dispose();
  } catch (e) {
    errors.push(`tfjs wasm: ${e instanceof Error ? e.message : String(e)}`);
  }
  canvases.forEach((c) => c.remove());
  return {
    n,
    path: model.backend.conv.path,
    repaint,
    compute,
    oneCall,
    tfjs,
    tfjsBackend,
    drawOnly,
    perPlane,
    maxDiff: { tfjs: tfjsDiff, oneCall: oneCallDiff, perPlane: batchDiff },
    errors,
  };
}
