// Learning on the fast path in the browser (what Learn Kernel runs when WebGL is software): the book's experiment
// (K 1×2 on the 6×8 image, 10 steps) and a multi-channel step (a 3×3×3 kernel on a 512² RGB photo), each beside the
// tfjs learner on the page's tfjs backend — steps per second, and the largest difference of the numbers.
import {
  add,
  conv2d,
  getBackend,
  mul,
  scalar,
  square,
  sub,
  sum,
  tensor1d,
  tensor4d,
  tidy,
  variable,
  variableGrads,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import {
  FastConv2d,
  FastCorr2d,
  FastKernelLearner,
  learnStepMulti,
  type MultiParams,
  type Planes,
} from '../../src/core/fast';
import { edgeImage, edgeTarget } from '../../src/core/fixtures';
import { KernelLearner, learnKernel } from '../../src/core/tfjs/learn';
import { summarise, type Timing } from '../lib';

export interface LearnBench {
  backend: string;
  book: { fast: Timing; tfjs: Timing; maxLossRel: number; maxKDiff: number };
  multi: {
    fastStepsPerS: number;
    tfjsStepsPerS: number;
    steps: number;
    maxLossRel: number;
    maxKDiff: number;
    maxBiasDiff: number;
  };
}

function repeat(fn: () => void, runs: number): Timing {
  fn();
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return summarise(t);
}

/** The book's experiment: the whole 10-step run on each learner, and the difference of their records. */
function book() {
  const o = { X: edgeImage(), Y: edgeTarget(), kH: 1, kW: 2, lr: 3e-2, steps: 10 };
  const fastRun = () => {
    const l = new FastKernelLearner(o, FastCorr2d.create());
    const records = [];
    for (let r = l.step(); r; r = l.step()) records.push(r);
    return records;
  };
  const fast = repeat(() => fastRun(), 30);
  const tfjs = repeat(() => learnKernel(o), 10);
  const a = fastRun();
  const learner = new KernelLearner(o);
  let maxLossRel = 0;
  let maxKDiff = 0;
  for (const r of a) {
    const b = learner.step();
    if (!b) break;
    maxLossRel = Math.max(maxLossRel, Math.abs(r.loss - b.loss) / Math.max(1, b.loss));
    r.kernel.forEach((row, i) => row.forEach((v, j) => (maxKDiff = Math.max(maxKDiff, Math.abs(v - b.kernel[i][j])))));
  }
  learner.dispose();
  return { fast, tfjs, maxLossRel, maxKDiff };
}

/** [3, n, n] planes in [0, 1] from RGB bytes, each channel minus its mean (as photo mode centres its input). */
function rgbPlanes(bytes: Uint8Array, n: number): Planes {
  const data = new Float32Array(3 * n * n);
  for (let c = 0; c < 3; c++) {
    let mean = 0;
    for (let p = 0; p < n * n; p++) mean += bytes[p * 3 + c] / 255;
    mean /= n * n;
    for (let p = 0; p < n * n; p++) data[c * n * n + p] = bytes[p * 3 + c] / 255 - mean;
  }
  return { data, c: 3, h: n, w: n };
}

/** tfjs's learner for the same multi-channel problem (NHWC, HWIO, gradients by tf.variableGrads). */
function tfjsMulti(x: Planes, t: Planes, start: MultiParams, lr: number) {
  const toNhwc = (p: Planes) => {
    const d = new Float32Array(p.data.length);
    for (let c = 0; c < p.c; c++) for (let q = 0; q < p.h * p.w; q++) d[q * p.c + c] = p.data[c * p.h * p.w + q];
    return tensor4d(d, [1, p.h, p.w, p.c]);
  };
  const hwio = new Float32Array(27);
  for (let c = 0; c < 3; c++) for (let q = 0; q < 9; q++) hwio[q * 3 + c] = start.k.data[c * 9 + q];
  const xt = toNhwc(x);
  const tt = toNhwc(t);
  const kv = variable(tensor4d(hwio, [3, 3, 3, 1]));
  const bv = variable(tensor1d(start.bias));
  const step = () =>
    tidy(() => {
      const { value, grads } = variableGrads(
        () => sum(square(sub(add(conv2d(xt, kv as Tensor4D, 1, 'valid'), bv), tt))),
        [kv, bv],
      );
      kv.assign(sub(kv, mul(grads[kv.name], scalar(lr))) as Tensor4D);
      bv.assign(sub(bv, mul(grads[bv.name], scalar(lr))));
      return value.dataSync()[0];
    });
  const params = () => {
    const d = kv.dataSync();
    const k = new Float32Array(27);
    for (let c = 0; c < 3; c++) for (let q = 0; q < 9; q++) k[c * 9 + q] = d[q * 3 + c];
    return { k, bias: bv.dataSync() as Float32Array };
  };
  const dispose = () => [xt, tt, kv, bv].forEach((v) => v.dispose());
  return { step, params, dispose };
}

/** Both learning benchmarks; `rgbB64` is an n×n RGB photo (3 bytes per pixel). */
export function learnBench(rgbB64: string, n: number): LearnBench {
  const x = rgbPlanes(
    Uint8Array.from(atob(rgbB64), (c) => c.charCodeAt(0)),
    n,
  );
  const engine = FastConv2d.create();
  if (!engine) throw new Error('no WebAssembly SIMD in this page');
  engine.load(x);
  // Target: a Sobel-x filter on each channel, bias 0.1; learned from zero.
  const sobel = [1, 0, -1, 2, 0, -2, 1, 0, -1];
  const truth: MultiParams = {
    k: { data: Float32Array.from([...sobel, ...sobel, ...sobel]), cOut: 1, cInPerGroup: 3, kh: 3, kw: 3 },
    bias: Float32Array.of(0.1),
  };
  const t = engine.forward(truth.k, truth.bias);
  t.data = t.data.slice();
  const start: MultiParams = { k: { ...truth.k, data: new Float32Array(27) }, bias: new Float32Array(1) };
  const lr = 1e-6;
  // Same steps on both learners: records and final parameters compared.
  const steps = 5;
  const tf = tfjsMulti(x, t, start, lr);
  let p = start;
  const scratch = {};
  let maxLossRel = 0;
  for (let s = 0; s < steps; s++) {
    const fast = learnStepMulti(engine, p, t, lr, { useBias: true }, scratch);
    const lossTf = tf.step();
    maxLossRel = Math.max(maxLossRel, Math.abs(fast.loss - lossTf) / Math.max(1, lossTf));
    p = fast.params;
  }
  const tp = tf.params();
  let maxKDiff = 0;
  for (let i = 0; i < 27; i++) maxKDiff = Math.max(maxKDiff, Math.abs(p.k.data[i] - tp.k[i]));
  const maxBiasDiff = Math.abs(p.bias[0] - tp.bias[0]);
  // Speed: steps in about 2 s each.
  const rate = (step: () => void, budget: number) => {
    step();
    const t0 = performance.now();
    let count = 0;
    while (performance.now() - t0 < budget) {
      step();
      count++;
    }
    return count / ((performance.now() - t0) / 1000);
  };
  let q = p;
  const fastStepsPerS = rate(() => {
    q = learnStepMulti(engine, q, t, lr, { useBias: true }, scratch).params;
  }, 2000);
  const tfjsStepsPerS = rate(() => tf.step(), 2000);
  tf.dispose();
  return {
    backend: getBackend(),
    book: book(),
    multi: { fastStepsPerS, tfjsStepsPerS, steps, maxLossRel, maxKDiff, maxBiasDiff },
  };
}
