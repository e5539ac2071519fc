// Tables of the fast path's multi-channel forward (goal 3) and learning (goal 4), from bench/page/multi.ts and
// bench/page/learn-multi.ts.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { MultiResult, WasmUrls } from './page/multi';
import type { LearnBench } from './page/learn-multi';
import type { GalleryBench } from './page/gallery';
import { serveAsset } from './browser';
import { fmt, verdict, type Table } from './lib';

const require = createRequire(import.meta.url);

/** Serves the baselines' .wasm files to the bench page and returns their URLs. */
export function baselineWasmUrls(): WasmUrls {
  // Both packages' CommonJS entry points live in their dist/ folders, beside the .wasm files.
  const tfjs = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  const ort = dirname(require.resolve('onnxruntime-web'));
  return {
    tfjsSimd: serveAsset('tfjs-backend-wasm-simd.wasm', join(tfjs, 'tfjs-backend-wasm-simd.wasm')),
    tfjsPlain: serveAsset('tfjs-backend-wasm.wasm', join(tfjs, 'tfjs-backend-wasm.wasm')),
    tfjsThreaded: serveAsset(
      'tfjs-backend-wasm-threaded-simd.wasm',
      join(tfjs, 'tfjs-backend-wasm-threaded-simd.wasm'),
    ),
    ort: serveAsset('ort-wasm-simd-threaded.wasm', join(ort, 'ort-wasm-simd-threaded.wasm')),
  };
}

export function multiTable(r: MultiResult, n: number): Table {
  const row = (name: string, t: { median: number; p95: number } | undefined, diff?: number) => {
    const ratio = t ? r.fast.median / t.median : undefined;
    return [
      name,
      fmt(t?.median),
      fmt(t?.p95),
      diff === undefined ? '' : fmt(diff),
      t && name !== '' ? `${fmt(ratio)}× ${verdict((ratio ?? Infinity) <= 1)}` : '',
    ];
  };
  return {
    title: `Fast path 3 — multi-channel forward: X [3, ${n}, ${n}] → 16 filters 3×3×3, 'same', bias, result read back (Chromium, ms)`,
    head: ['path', 'median', 'p95', 'max |Δ| from the fast path', 'fast path ÷ this (goal ≤ 1.0×)'],
    rows: [
      [`**fast path: FastConv2d (${r.fastVariant})**`, fmt(r.fast.median), fmt(r.fast.p95), '', ''],
      row(`tfjs ${r.tfjsBackend ?? 'wasm'} backend (XNNPACK), fused conv2d + bias, dataSync`, r.tfjs, r.maxDiff.tfjs),
      row('onnxruntime-web, wasm execution provider, 1 thread, Conv node', r.ort, r.maxDiff.ort),
      ['  fast path without its copy out (forwardView)', fmt(r.fastView.median), fmt(r.fastView.p95), '', ''],
      [
        '  tfjs wasm without dataSync (compute only; not the goal)',
        fmt(r.tfjsCompute?.median),
        fmt(r.tfjsCompute?.p95),
        '',
        '',
      ],
    ],
    notes: [
      'Same numbers for every library, each in its own layout prepared once outside the timing (NHWC/HWIO for tfjs, NCHW for ORT and the fast path). Neither baseline can use threads here: the page is not cross-origin isolated, like a VS Code webview.',
      ...r.errors.map((e) => `Not measured: ${e}`),
    ],
  };
}

export function learnTable(r: LearnBench, n: number): Table {
  const m = r.multi;
  return {
    title: `Fast path 4 — learning on the fast path (Chromium; tfjs on ${r.backend}, the learner the views use when WebGL is software)`,
    head: ['case', 'fast path', `tfjs ${r.backend}`, 'agreement (fast vs tfjs)', 'goal', 'verdict'],
    rows: [
      [
        'book: K 1×2 on X 6×8, lr 3e-2, 10 steps (whole run, median ms)',
        fmt(r.book.fast.median),
        fmt(r.book.tfjs.median),
        `loss rel ${fmt(r.book.maxLossRel)}, K ${fmt(r.book.maxKDiff)}`,
        'equal within float32',
        verdict(r.book.maxLossRel <= 1e-4 && r.book.maxKDiff <= 1e-4),
      ],
      [
        `3×3×3 kernel + bias on a ${n}² RGB photo, valid (steps/s)`,
        fmt(m.fastStepsPerS),
        fmt(m.tfjsStepsPerS),
        `${m.steps} steps: loss rel ${fmt(m.maxLossRel)}, K ${fmt(m.maxKDiff)}, b ${fmt(m.maxBiasDiff)}`,
        '≥ 300 steps/s, equal within float32',
        verdict(m.fastStepsPerS >= 300 && m.maxLossRel <= 1e-4 && m.maxKDiff <= 1e-4 && m.maxBiasDiff <= 1e-4),
      ],
    ],
    notes: [
      'Fast path: FastKernelLearner (single channel) and learnStepMulti (forward, residual, ∂L/∂K = 2·corr2d(X_c, r) and ∂L/∂b = 2·Σr in wasm memory). tfjs: KernelLearner / tf.variableGrads on the same numbers. Agreement: largest relative loss difference over the steps and largest parameter difference after them.',
    ],
  };
}

/** Issue 11's bench line: one repaint of the Edges gallery, four 3×3×3 filters on a 1 MP RGB photo, beside tfjs wasm. */
export function galleryTable(r: GalleryBench): Table {
  const tf = r.tfjs;
  const ratio = (t: { median: number; p95: number }) => (tf ? `${fmt(t.median / tf.median)}×` : '');
  return {
    title: `1 MP RGB × four 3×3×3 filters — one repaint of the Detect Edges gallery, X [3, ${r.n}, ${r.n}], valid (Chromium, ms)`,
    head: ['path', 'median', 'p95', 'runs', 'max |Δ| from the gallery', '÷ tfjs wasm (median)', 'goal p95 ≤ 33 ms'],
    rows: [
      [
        `**gallery repaint: galleryMaps on the ${r.path} path (one [4, 3, 3, 3] call) + scales + pooling + drawHeat ×4**`,
        fmt(r.repaint.median),
        fmt(r.repaint.p95),
        String(r.repaint.runs),
        '',
        ratio(r.repaint),
        verdict(r.repaint.p95 <= 33),
      ],
      [
        '  of which the four maps (one multi-channel call into reused buffers, scales)',
        fmt(r.compute.median),
        fmt(r.compute.p95),
        String(r.compute.runs),
        '',
        ratio(r.compute),
        '',
      ],
      [
        '  of which the drawing (max |·| pooling to 220 px + drawHeat, ×4)',
        fmt(r.drawOnly.median),
        fmt(r.drawOnly.p95),
        String(r.drawOnly.runs),
        '',
        ratio(r.drawOnly),
        '',
      ],
      [
        '  before: the per-plane path (12 plane correlations, channel sums, scales) + drawing',
        fmt(r.perPlane.median),
        fmt(r.perPlane.p95),
        String(r.perPlane.runs),
        fmt(r.maxDiff.perPlane),
        ratio(r.perPlane),
        verdict(r.perPlane.p95 <= 33),
      ],
      [
        `tfjs ${r.tfjsBackend ?? 'wasm'} backend (XNNPACK), conv2d NHWC × HWIO [3, 3, 3, 4], dataSync`,
        fmt(tf?.median),
        fmt(tf?.p95),
        tf ? String(tf.runs) : '',
        fmt(r.maxDiff.tfjs),
        tf ? '1×' : '',
        '',
      ],
      [
        '  for comparison: the bare FastConv2d call, K [4, 3, 3, 3], into a caller buffer',
        fmt(r.oneCall.median),
        fmt(r.oneCall.p95),
        String(r.oneCall.runs),
        fmt(r.maxDiff.oneCall),
        ratio(r.oneCall),
        '',
      ],
    ],
    notes: [
      `The photo: demo/images/chelsea.png resized (nearest neighbour) to ${r.n}×${r.n}, read as v/255. Filters: Sobel x, Sobel y and the Laplacian over the luma (BT.601 weights ⊗ kernel) and a seeded random 3×3×3; each repaint follows an edit of one kernel cell. A repaint is the product's code (webview-ui/edges/model.ts galleryMaps → batch.ts GalleryBatch on wasm-simd, Canvases.tsx HeatCanvas): filters reading the same planes with the same kernel size are one multi-channel call, [R, G, B] stays resident in wasm memory, the Y buffer is reused, each map is pooled (max |·|) to its 220-px canvas and drawn. "Before" is the per-plane path the tfjs and plain-JavaScript paths still use (model.ts galleryMap); its max |Δ| is from the batched maps. tfjs on the same numbers in NHWC/HWIO, prepared once outside the timing, single-threaded (the page is not cross-origin isolated, like a webview).`,
      ...r.errors.map((e) => `Not measured: ${e}`),
    ],
  };
}
