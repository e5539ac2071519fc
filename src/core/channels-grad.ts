// Gradient of the summed squared error of a multi-channel layer, float64 loops: the reference a multi-channel
// learner will be held to. L = Σ_o Σ_ij (Ŷ[o][i][j] − Y[o][i][j])², Ŷ = corr2dMulti(X, K) + b. With the residual
// R = Ŷ − Y: ∂L/∂K[o][c][a][b] = 2·Σ_ij R[o][i][j]·X[g·cpg + c][i·sh − pt + a·dh][j·sw − pl + b·dw] (zero in the
// padding), ∂L/∂b[o] = 2·Σ_ij R[o][i][j] (d2l §7.2.5 "Learning a Kernel", extended over channels as in §7.4).

import { windowCells } from './geometry';
import { corr2dMultiReference, groupInputStart, multiGeometry, type MultiBiasOptions } from './channels';
import { validateVolume, volumeShape, type Filters, type Volume } from './volume';

/** Loss, residual and gradients of `corr2dMultiGrad`; `dK` has K's shape, `db` one value per output channel. */
export interface MultiGrad {
  loss: number;
  /** R = Ŷ − Y, `[c_out, outH, outW]`. */
  residual: Volume;
  dK: Filters;
  db: number[];
}

/**
 * L, ∂L/∂K and ∂L/∂b for L = Σ(corr2dMulti(X, K, opts) + b − Y)² (summed, not the mean). `X: [c_in, h, w]`,
 * `K: [c_out, c_in/groups, kh, kw]` (PyTorch weight layout), `Y: [c_out, outH, outW]`, `bias: [c_out]` (default 0).
 * Throws like `corr2dMultiReference`, and "corr2dMultiGrad: Y is [2, 3, 3], expected [2, 2, 2] (c_out, outH, outW)".
 */
export function corr2dMultiGrad(X: Volume, K: Filters, Y: Volume, opts: MultiBiasOptions = {}): MultiGrad {
  const op = 'corr2dMultiGrad';
  const m = multiGeometry(op, X, K, opts);
  const shape = volumeShape(validateVolume(op, 'Y', Y));
  const want = [m.cOut, m.geom.outH, m.geom.outW];
  if (shape.some((n, k) => n !== want[k])) {
    throw new Error(`${op}: Y is [${shape.join(', ')}], expected [${want.join(', ')}] (c_out, outH, outW)`);
  }
  const residual = corr2dMultiReference(X, K, opts).map((Yo, o) =>
    Yo.map((row, i) => row.map((v, j) => v - Y[o][i][j])),
  );
  const loss = residual.flat(2).reduce((s, r) => s + r * r, 0);
  const db = residual.map((Ro) => 2 * Ro.flat().reduce((s, r) => s + r, 0));
  const dK = K.map((kernels, o) => {
    const first = groupInputStart(m, o);
    return kernels.map((Kc, c) => {
      const G = Kc.map((row) => row.map(() => 0));
      for (let i = 0; i < m.geom.outH; i++) {
        for (let j = 0; j < m.geom.outW; j++) {
          const r2 = 2 * residual[o][i][j];
          for (const [r, col, a, b] of windowCells(m.geom, i, j)) G[a][b] += r2 * X[first + c][r][col];
        }
      }
      return G;
    });
  });
  return { loss, residual, dK, db };
}
