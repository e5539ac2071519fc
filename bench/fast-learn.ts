// Gradient descent on the fast path, shared by the Node and browser halves of the benchmark.
import type { FastCorr2d, Plane } from '../src/core/fast';

/** Steps/s of plain gradient descent with ∂L/∂K = 2·corr2d(X, Ŷ − Y) on the fast path (3×3, no bias). */
export function fastLearnRate(fast: FastCorr2d, x: Plane, Y: Float32Array): number {
  const k: Plane = { data: new Float32Array(9), h: 3, w: 3 };
  const r: Plane = { data: new Float32Array(Y.length), h: x.h - 2, w: x.w - 2 };
  const step = () => {
    const yHat = fast.corr(x, k, r.data);
    for (let i = 0; i < yHat.length; i++) yHat[i] -= Y[i];
    const g = fast.grad(x, r);
    for (let i = 0; i < 9; i++) k.data[i] -= 1e-6 * g[i];
  };
  for (let i = 0; i < 5; i++) step();
  const t0 = performance.now();
  let steps = 0;
  while (performance.now() - t0 < 2000) { step(); steps++; }
  return steps / ((performance.now() - t0) / 1000);
}

