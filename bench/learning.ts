// Goal 3 (learning speed) and goal 6 (tensor count) in Node on tfjs cpu, plus the fast-path gradient descent.

import { memory } from '@tensorflow/tfjs-core';
import { performance } from 'node:perf_hooks';
import { KernelLearner, learnKernel } from '../src/core/tfjs/learn';
import { edgeImage, edgeTarget } from '../src/core/fixtures';
import { FastCorr2d, type Plane } from '../src/core/fast';
import { fromFlat } from '../src/core/matrix';
import { fastLearnRate } from './fast-learn';
import { summarise, type Timing } from './lib';
import { randomPlane } from './contenders';

/** The book's 10 steps (K 1×2, lr 3e-2, X 6×8) on tfjs cpu: median ms of a whole `learnKernel` run. */
export function bookSteps(): Timing {
  const times: number[] = [];
  for (let r = 0; r < 30; r++) {
    const t0 = performance.now();
    learnKernel({ X: edgeImage(), Y: edgeTarget(), kH: 1, kW: 2, lr: 3e-2, steps: 10 });
    times.push(performance.now() - t0);
  }
  return summarise(times.slice(3));
}

/** 3×3 kernel on a 512² image: steps/s of KernelLearner on tfjs cpu and of the fast path's gradient descent. */
export function photoStepsPerS(x: Plane): { tfjsCpu: number; fast: number } {
  const fast = FastCorr2d.create();
  const target: Plane = { data: Float32Array.from([1, 0, -1, 2, 0, -2, 1, 0, -1]), h: 3, w: 3 };
  const Y = fast.corr(x, target);
  const learner = new KernelLearner({
    X: fromFlat(x.data, x.h, x.w),
    Y: fromFlat(Y, x.h - 2, x.w - 2),
    kH: 3,
    kW: 3,
    lr: 1e-6,
    steps: 1000,
    tolerance: 0,
  });
  learner.step();
  const t0 = performance.now();
  let steps = 0;
  while (performance.now() - t0 < 3000 && learner.step()) steps++;
  const tfjsCpu = steps / ((performance.now() - t0) / 1000);
  learner.dispose();
  return { tfjsCpu, fast: fastLearnRate(fast, x, Y) };
}

/** numTensors before, after 100 and after 10 000 KernelLearner steps (book image, 1×2 kernel, small lr). */
export function tensorCount(): { before: number; at100: number; at10000: number; after: number } {
  const before = memory().numTensors;
  const learner = new KernelLearner({
    X: edgeImage(),
    Y: edgeTarget(),
    kH: 1,
    kW: 2,
    lr: 1e-3,
    steps: 10_000,
    tolerance: 0,
  });
  let at100 = 0;
  for (let s = 1; learner.step(); s++) if (s === 100) at100 = memory().numTensors;
  const at10000 = memory().numTensors;
  learner.dispose();
  return { before, at100, at10000, after: memory().numTensors };
}

export { randomPlane };
