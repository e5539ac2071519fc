// Multi-channel forward in the browser: a 1-megapixel RGB image through 16 filters 3×3×3, 'same', bias — the fast
// path (FastConv2d) against tfjs's wasm backend (XNNPACK) and onnxruntime-web's wasm backend, on the same tensors in
// the same page (each library's own layout prepared once, outside the timing); each run reads its result back.
import { setBackend, getBackend, ready, tensor4d, tensor1d, fused, type Tensor4D } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-web/wasm';
import { FastConv2d, type Planes, type Weights } from '../../src/core/fast';
import { mulberry32 } from '../../src/core/random';
import { time, type Timing } from '../lib';
import { onnxConvModel } from '../onnx-conv';

/** Where the page finds the baselines' .wasm files (served by bench/browser.ts). */
export interface WasmUrls {
  tfjsSimd: string;
  tfjsPlain: string;
  tfjsThreaded: string;
  ort: string;
}

export interface MultiResult {
  fast: Timing;
  /** The fast path without its copy out (a view of wasm memory). */
  fastView: Timing;
  fastVariant: string;
  tfjs?: Timing;
  /** tfjs without the read back (the wasm backend runs its kernels synchronously at the call). */
  tfjsCompute?: Timing;
  tfjsBackend?: string;
  ort?: Timing;
  errors: string[];
  /** Largest |difference| of each baseline's output from the fast path's. */
  maxDiff: Record<string, number>;
}

function random(length: number, seed: number): Float32Array {
  const next = mulberry32(seed);
  return Float32Array.from({ length }, () => next() * 2 - 1);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** X [3, n, n], K [16, 3, 3, 3], bias [16], 'same' (pad 1 on each side), stride 1. */
export async function multi(n: number, urls: WasmUrls): Promise<MultiResult> {
  const cIn = 3;
  const cOut = 16;
  const x: Planes = { data: random(cIn * n * n, 1), c: cIn, h: n, w: n };
  const k: Weights = { data: random(cOut * cIn * 9, 2), cOut, cInPerGroup: cIn, kh: 3, kw: 3 };
  const bias = random(cOut, 3);
  const errors: string[] = [];
  const diffs: Record<string, number> = {};

  const engine = FastConv2d.create();
  if (!engine) throw new Error('no WebAssembly SIMD in this page');
  engine.load(x);
  const y = new Float32Array(cOut * n * n);
  const fast = time(() => engine.forward(k, bias, { padding: 'same' }, y), 5, 3000, 50);
  const fastView = time(() => engine.forwardView(k, bias, { padding: 'same' }).data[0], 5, 2000, 30);

  let tfjs: Timing | undefined;
  let tfjsBackend: string | undefined;
  let tfjsCompute: Timing | undefined;
  try {
    setWasmPaths({
      'tfjs-backend-wasm-simd.wasm': urls.tfjsSimd,
      'tfjs-backend-wasm.wasm': urls.tfjsPlain,
      'tfjs-backend-wasm-threaded-simd.wasm': urls.tfjsThreaded,
    });
    if (!(await setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
    await ready();
    tfjsBackend = getBackend();
    // NHWC input and HWIO filter: the same numbers in tfjs's layout.
    const nhwc = new Float32Array(n * n * cIn);
    for (let c = 0; c < cIn; c++) for (let p = 0; p < n * n; p++) nhwc[p * cIn + c] = x.data[c * n * n + p];
    const hwio = new Float32Array(9 * cIn * cOut);
    for (let o = 0; o < cOut; o++)
      for (let c = 0; c < cIn; c++)
        for (let t = 0; t < 9; t++) hwio[(t * cIn + c) * cOut + o] = k.data[(o * cIn + c) * 9 + t];
    const xt: Tensor4D = tensor4d(nhwc, [1, n, n, cIn]);
    const ft = tensor4d(hwio, [3, 3, cIn, cOut]);
    const bt = tensor1d(bias);
    let last: Float32Array = new Float32Array(0);
    tfjs = time(
      () => {
        const t = fused.conv2d({ x: xt, filter: ft, strides: 1, pad: 'same', bias: bt });
        last = t.dataSync() as Float32Array;
        t.dispose();
      },
      5,
      3000,
      50,
    );
    tfjsCompute = time(
      () => fused.conv2d({ x: xt, filter: ft, strides: 1, pad: 'same', bias: bt }).dispose(),
      5,
      2000,
      30,
    );
    // NHWC → compare with the fast path's [c_out, h, w].
    let m = 0;
    for (let o = 0; o < cOut; o++)
      for (let p = 0; p < n * n; p++) m = Math.max(m, Math.abs(last[p * cOut + o] - y[o * n * n + p]));
    diffs.tfjs = m;
    [xt, ft, bt].forEach((t) => t.dispose());
  } catch (e) {
    errors.push(`tfjs wasm: ${e instanceof Error ? e.message : String(e)}`);
  }

  let ortTiming: Timing | undefined;
  try {
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmPaths = { wasm: urls.ort };
    const model = onnxConvModel(k.data, [cOut, cIn, 3, 3], bias, [1, cIn, n, n], [1, cOut, n, n], [1, 1, 1, 1]);
    const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
    const input = new ort.Tensor('float32', x.data, [1, cIn, n, n]);
    // ORT's run is asynchronous: time it with await (its result is in JavaScript memory when the promise resolves).
    const times: number[] = [];
    let last: Float32Array = new Float32Array(0);
    for (let r = 0; r < 3; r++) await session.run({ X: input });
    const start = performance.now();
    while (times.length < 50 && (times.length < 5 || performance.now() - start < 3000)) {
      const t0 = performance.now();
      const out = await session.run({ X: input });
      last = out.Y.data as Float32Array;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    ortTiming = {
      median: times[Math.floor(times.length / 2)],
      p95: times[Math.ceil(times.length * 0.95) - 1],
      runs: times.length,
    };
    diffs.ort = maxDiff(last, y);
    await session.release();
  } catch (e) {
    errors.push(`onnxruntime-web: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    fast,
    fastView,
    fastVariant: engine.variant,
    tfjs,
    tfjsCompute,
    tfjsBackend,
    ort: ortTiming,
    errors,
    maxDiff: diffs,
  };
}
