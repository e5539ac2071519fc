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
 * Factors `k: [kh, kw]` when it is rank 1 within `rel` of each entry (default 1e-6, a few float32 round-offs), else
 * undefined. Per entry, not per max|K|: then |Σ x·(K − u·vᵀ)| ≤ rel·Σ|x|·|K| for every window, the bound the direct
 * loop's own round-off keeps; a tolerance of rel·max|K| would call a kernel of ones with one entry of 1e30 rank 1 and
 * drop the ones (wrong wherever x is 0 under the spike). The pivot is the entry of largest magnitude, so the division
 * is as well-conditioned as it can be. An all-zero kernel factors as zeros; a kernel with a NaN or ±∞ entry is not
 * rank 1 (undefined).
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
  for (let a = 0; a < k.h; a++) {
    for (let b = 0; b < k.w; b++) {
      const kab = k.data[a * k.w + b];
      // `!(… <= …)`: a NaN or ±∞ entry is not rank 1 (a NaN off the pivot's row and column would drop out of u·vᵀ).
      if (!(Math.abs(kab - u[a] * v[b]) <= rel * Math.abs(kab))) return undefined;
    }
  }
  return { u: { data: u, h: k.h, w: 1 }, v: { data: v, h: 1, w: k.w } };
}
