// Gradient descent on the fast path, shared by the Node and browser halves of the benchmark: the product's
// FastKernelLearner (what Learn Kernel's photo mode steps on when the convolution path is wasm-simd or js).
import { FastKernelLearner, type FastCorr2d, type Plane } from '../src/core/fast';
import { fromFlat } from '../src/core/matrix';

/** Steps/s of plain gradient descent, ∂L/∂K = 2·corr2d(X, Ŷ − Y), 3×3 kernel, no bias, X = `x`, target `Y`. */
export function fastLearnRate(fast: FastCorr2d, x: Plane, Y: Float32Array): number {
  const learner = new FastKernelLearner(
    {
      X: fromFlat(x.data, x.h, x.w),
      Y: fromFlat(Y, x.h - 2, x.w - 2),
      kH: 3,
      kW: 3,
      lr: 1e-6,
      steps: 1e9,
      tolerance: 0,
    },
    fast,
  );
  for (let i = 0; i < 5; i++) learner.step();
  const t0 = performance.now();
  let steps = 0;
  while (performance.now() - t0 < 2000 && learner.step()) steps++;
  learner.dispose();
  return steps / ((performance.now() - t0) / 1000);
}
