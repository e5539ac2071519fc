// Rank-1 kernels (Sobel, box blur, Gaussian) factor as K = u·vᵀ; a cross-correlation by K is then a row pass by vᵀ
// followed by a column pass by u: kh + kw multiplications per output instead of kh·kw.

import type { Plane } from './plane';

/** The two 1-D factors of a rank-1 kernel: `K[a][b] ≈ u[a]·v[b]`. */
export interface Factors {
  /** Column factor, shape `[kh, 1]`. */
  u: Plane;
  /** Row factor, shape `[1, kw]`. */
  v: Plane;
}

/**
 * Factors `k: [kh, kw]` when it is rank 1 within `rel`·max|K| per entry (default 1e-6, float32 round-off), else
 * undefined. The pivot is the entry of largest magnitude, so the division is as well-conditioned as it can be.
 * An all-zero kernel factors as zeros.
 */
export function rankOneFactors(k: Plane, rel = 1e-6): Factors | undefined {
  let p = 0;
  for (let i = 1; i < k.data.length; i++) if (Math.abs(k.data[i]) > Math.abs(k.data[p])) p = i;
  const pr = Math.floor(p / k.w);
  const pc = p % k.w;
  const pivot = k.data[p];
  const u = new Float32Array(k.h);
  const v = new Float32Array(k.w);
  if (pivot !== 0) {
    for (let a = 0; a < k.h; a++) u[a] = k.data[a * k.w + pc] / pivot;
    v.set(k.data.subarray(pr * k.w, (pr + 1) * k.w));
  }
  const tol = rel * Math.abs(pivot);
  for (let a = 0; a < k.h; a++) {
    for (let b = 0; b < k.w; b++) if (Math.abs(k.data[a * k.w + b] - u[a] * v[b]) > tol) return undefined;
  }
  return { u: { data: u, h: k.h, w: 1 }, v: { data: v, h: 1, w: k.w } };
}
