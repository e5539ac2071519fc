// Tables of the fast path's multi-channel forward (goal 3) and learning (goal 4), from bench/page/multi.ts and
// bench/page/learn-multi.ts.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { MultiResult, WasmUrls } from './page/multi';
import type { LearnBench } from './page/learn-multi';
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
