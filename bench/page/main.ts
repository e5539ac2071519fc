// The browser half of the benchmark, bundled by bench/browser.ts and run in headless Chromium: the fast path as a
// webview would run it (goal 1), the interactive frame (goal 2), learning on webgl (goal 3), WebGL memory (goal 6).
import { env, memory, setBackend, ready, getBackend, tensor2d, type Tensor2D } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { FastCorr2d, type Plane } from '../../src/core/fast';
import { corr2dTensor } from '../../src/core/tfjs/tensor';
import { KernelLearner } from '../../src/core/tfjs/learn';
import { fromFlat } from '../../src/core/matrix';
import { mulberry32 } from '../../src/core/random';
import { fastLearnRate } from '../fast-learn';
import { drawHeat, heatScale } from '../../webview-ui/shared/heatmap';
import { time, type Timing } from '../lib';
import { fastWorkers, grid } from './grid';
import { multi } from './multi';
import { learnBench } from './learn-multi';
import { gallery } from './gallery';
import { ROUTE } from '../../src/core/fast/engine';

function randomPlane(h: number, w: number, seed: number): Plane {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: h * w }, () => next() * 2 - 1), h, w };
}

async function webgl(deleteThreshold?: number): Promise<boolean> {
  env().set('SOFTWARE_WEBGL_ENABLED', true);
  env().set('WEBGL_CONV_IM2COL', false);
  if (deleteThreshold !== undefined) env().set('WEBGL_DELETE_TEXTURE_THRESHOLD', deleteThreshold);
  const ok = await setBackend('webgl');
  await ready();
  return ok && getBackend() === 'webgl';
}

/** Goal 1 in the browser: wasm SIMD (resident image) and tfjs webgl (im2col off) per [n, k]. */
async function conv(cases: [number, number][]) {
  const fast = FastCorr2d.create();
  const out: Record<string, { fast: Timing; oneShot: Timing; webgl?: Timing }> = {};
  const gl = await webgl(0);
  for (const [n, k] of cases) {
    const x = randomPlane(n, n, n);
    const K = randomPlane(k, k, k);
    fast.load(x);
    const y = new Float32Array((n - k + 1) ** 2);
    const entry: { fast: Timing; oneShot: Timing; webgl?: Timing } = {
      fast: time(() => fast.corrLoaded(K, y), 15, 2000),
      oneShot: time(() => fast.corr(x, K), 10, 1000),
    };
    if (gl) {
      const xt = tensor2d(x.data, [n, n]);
      const kt = tensor2d(K.data, [k, k]);
      entry.webgl = time(
        () => {
          const t = corr2dTensor(xt, kt);
          t.dataSync();
          t.dispose();
        },
        3,
        n >= 4096 ? 500 : 1500,
        30,
      );
      xt.dispose();
      kt.dispose();
    }
    out[`${n}×${k}`] = entry;
  }
  return { path: fast.path, webgl: gl, results: out };
}

/** Goal 2: one kernel cell edited on a 1024×1024 photo → correlate + colour scale + heat-map draw. */
async function frame(photoB64: string, n: number) {
  const bytes = Uint8Array.from(atob(photoB64), (c) => c.charCodeAt(0));
  const x: Plane = { data: Float32Array.from(bytes, (v) => v / 255), h: n, w: n };
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const k: Plane = { data: Float32Array.from([1, 0, -1, 2, 0, -2, 1, 0, -1]), h: 3, w: 3 };
  const fast = FastCorr2d.create();
  fast.load(x);
  const y = new Float32Array((n - 2) ** 2);
  let edit = 0;
  const editCell = () => {
    k.data[4] = ((edit++ % 9) - 4) / 4;
  };
  // The product's frame: the fast engine with the image resident, then webview-ui/shared/heatmap.ts drawHeat (one
  // min/max pass for the scale, palette lookups into the canvas's kept ImageData).
  const fastFrame = time(
    () => {
      editCell();
      fast.corrLoaded(k, y);
      drawHeat(canvas, y, n - 2, n - 2, heatScale(y));
    },
    60,
    3000,
    300,
  );
  const computeOnly = time(
    () => {
      editCell();
      fast.corrLoaded(k, y);
    },
    60,
    1000,
    300,
  );
  const drawOnly = time(() => drawHeat(canvas, y, n - 2, n - 2, heatScale(y)), 30, 1000, 300);
  let webglFrame: Timing | undefined;
  if (await webgl(0)) {
    const xt = tensor2d(x.data, [n, n]);
    webglFrame = time(
      () => {
        editCell();
        const kt = tensor2d(k.data, [3, 3]);
        const t: Tensor2D = corr2dTensor(xt, kt);
        const d = t.dataSync();
        t.dispose();
        kt.dispose();
        drawHeat(canvas, d, n - 2, n - 2, heatScale(d));
      },
      10,
      3000,
      60,
    );
    xt.dispose();
  }
  return { fastFrame, computeOnly, drawOnly, webglFrame, path: fast.path };
}

/** Goal 3 in the browser: KernelLearner steps/s on webgl for a 3×3 kernel on a 512² photo, and the fast JS gradient. */
async function learn(photoB64: string, n: number) {
  const bytes = Uint8Array.from(atob(photoB64), (c) => c.charCodeAt(0));
  const x: Plane = { data: Float32Array.from(bytes, (v) => v / 255), h: n, w: n };
  const fast = FastCorr2d.create();
  const target: Plane = { data: Float32Array.from([1, 0, -1, 2, 0, -2, 1, 0, -1]), h: 3, w: 3 };
  const Y = fast.corr(x, target);
  const X = fromFlat(x.data, n, n);
  const Ym = fromFlat(Y, n - 2, n - 2);
  let webglStepsPerS: number | undefined;
  if (await webgl(0)) {
    const learner = new KernelLearner({ X, Y: Ym, kH: 3, kW: 3, lr: 1e-6, steps: 1000, tolerance: 0 });
    for (let i = 0; i < 3; i++) learner.step();
    const t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < 3000 && learner.step()) steps++;
    webglStepsPerS = steps / ((performance.now() - t0) / 1000);
    learner.dispose();
  }
  const fastStepsPerS = fastLearnRate(fast, x, Y);
  return { webglStepsPerS, fastStepsPerS };
}

/** Goal 6 in the browser: WebGL bytes allocated before, during and after a 2048² computation, per texture policy. */
async function textures() {
  const out: Record<string, { before: number; during: number; after: number }> = {};
  for (const [label, threshold] of [
    ['tfjs default', undefined],
    ['WEBGL_DELETE_TEXTURE_THRESHOLD 0 (backend.ts)', 0],
  ] as const) {
    env().reset();
    await webgl(threshold);
    const bytes = () => (memory() as { numBytesInGPUAllocated?: number }).numBytesInGPUAllocated ?? NaN;
    const before = bytes();
    const x = randomPlane(2048, 2048, 1);
    const xt = tensor2d(x.data, [2048, 2048]);
    const kt = tensor2d(new Float32Array(9).fill(1), [3, 3]);
    const y = corr2dTensor(xt, kt);
    y.dataSync();
    const during = bytes();
    [xt, kt, y].forEach((t) => t.dispose());
    out[label] = { before, during, after: bytes() };
  }
  return out;
}

Object.assign(globalThis, {
  bench: {
    conv,
    frame,
    learn,
    textures,
    grid,
    multi,
    learnBench,
    gallery,
    webgl,
    fastWorkers,
    makeFast: (v: 'simd' | 'relaxed-simd') => FastCorr2d.create('wasm-simd', [v]),
    route: ROUTE,
  },
});
