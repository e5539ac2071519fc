// Valid cross-correlation in plain JavaScript over Float32Arrays, for where WebAssembly cannot run (a webview whose
// CSP lacks 'wasm-unsafe-eval'). Tap-major: each kernel tap adds k·(a shifted input row) to a float64 row of sums,
// so the inner loop is one long, branch-free pass the JIT keeps in registers.

import { validShape, type Plane } from './plane';

/**
 * `x: [h, w]`, `k: [kh, kw]` → `[h − kh + 1, w − kw + 1]` (d2l §7.2.1 `corr2d`, valid, stride 1), sums in float64,
 * stored as float32. Writes into `out` when given. Throws "corr2dFast: …" like `validShape`.
 */
export function corr2dJs(x: Plane, k: Plane, out?: Float32Array): Float32Array {
  const [outH, outW] = validShape('corr2dFast', x, k);
  const y = out ?? new Float32Array(outH * outW);
  if (y.length !== outH * outW)
    throw new Error(`corr2dFast: output buffer has ${y.length} values, expected ${outH}×${outW}`);
  const acc = new Float64Array(outW);
  const xd = x.data;
  const kd = k.data;
  for (let i = 0; i < outH; i++) {
    acc.fill(0);
    for (let a = 0; a < k.h; a++) {
      const row = (i + a) * x.w;
      for (let b = 0; b < k.w; b++) {
        const kv = kd[a * k.w + b];
        if (kv === 0) continue; // sparse kernels (edge detectors) skip whole passes
        const base = row + b;
        for (let j = 0; j < outW; j++) acc[j] += kv * xd[base + j];
      }
    }
    y.set(acc, i * outW);
  }
  return y;
}

/**
 * Kernel gradient of L = Σ (corr2d(X, K) − Y)² from the residual `r = Ŷ − Y` (d2l §7.2.5):
 * `∂L/∂K[a][b] = 2 · Σᵢⱼ X[i + a][j + b] · r[i][j]`; `x: [h, w]`, `r: [oh, ow]` → `[h − oh + 1, w − ow + 1]`, float64
 * sums. Throws "corr2dGrad: …" like `validShape`.
 */
export function corr2dGradJs(x: Plane, r: Plane): Float32Array {
  const [kh, kw] = validShape('corr2dGrad', x, r);
  const g = new Float64Array(kh * kw);
  for (let i = 0; i < r.h; i++) {
    const rRow = i * r.w;
    for (let a = 0; a < kh; a++) {
      for (let b = 0; b < kw; b++) {
        const base = (i + a) * x.w + b;
        let s = 0;
        for (let j = 0; j < r.w; j++) s += x.data[base + j] * r.data[rRow + j];
        g[a * kw + b] += s;
      }
    }
  }
  return Float32Array.from(g, (v) => 2 * v);
}
