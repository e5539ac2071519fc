// Will plain gradient descent on the kernel converge? The summed squared error L(K, b) = Σ(corr2d(X, K) + b − Y)² is
// quadratic in the parameters θ = (K row-major, b): L = ‖Φθ − y‖², each row of Φ one window of X (plus a 1 for the
// bias). Its Hessian H = 2ΦᵀΦ is constant, and gradient descent θ ← θ − lr·∇L is stable iff lr < 2/λmax(H).
// With several channels (d2l §7.4) a row of Φ is the window over ALL input channels of a group; output channels do
// not share parameters, so the Hessian is block diagonal, one block 2ΦgᵀΦg per output channel of group g.

import { shapeOf, validateMatrix, type Matrix } from './matrix';
import { convGeometry, windowCells, type ConvOptions, type Geometry } from './geometry';
import { validateVolume, volumeShape, type Volume } from './volume';

/** Result of `stabilityReport`. Eigenvalues ascending; `lrMax` = 2/λmax (Infinity when H = 0). */
export interface Stability {
  eigenvalues: number[];
  lambdaMax: number;
  lrMax: number;
  stable: boolean;
}

/**
 * Hessian of L = Σ(Ŷ − Y)² with respect to θ = (K row-major, then b if `useBias`): `H = 2ΦᵀΦ`, Φ: `[outH·outW, p]`
 * with p = kh·kw (+1). `X: [h, w]`, valid stride-1 windows → `[p, p]`. Throws "stability: …" for a bad X or a kernel
 * larger than X.
 */
export function lossHessian(X: Matrix, kH: number, kW: number, useBias: boolean): Matrix {
  const [inH, inW] = shapeOf(validateMatrix('stability', 'X', X));
  return windowHessian([X], convGeometry({ inH, inW, kH, kW }, 'stability'), useBias);
}

/**
 * H = 2ΦᵀΦ where each row of Φ is one output cell's window over `channels` (channel-major, then kernel row-major,
 * zeros in the padding), followed by a 1 when `useBias`. `channels: [c, h, w]` → `[c·kh·kw (+1), same]`.
 */
function windowHessian(channels: Matrix[], g: Geometry, useBias: boolean): Matrix {
  const taps = g.kH * g.kW;
  const p = channels.length * taps + (useBias ? 1 : 0);
  const H: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const phi = new Array<number>(p).fill(1); // the bias entry stays 1
  for (let i = 0; i < g.outH; i++) {
    for (let j = 0; j < g.outW; j++) {
      phi.fill(0, 0, channels.length * taps);
      const cells = windowCells(g, i, j);
      channels.forEach((Xc, c) => cells.forEach(([r, col, a, b]) => (phi[c * taps + a * g.kW + b] = Xc[r][col])));
      for (let u = 0; u < p; u++) for (let v = 0; v < p; v++) H[u][v] += 2 * phi[u] * phi[v];
    }
  }
  return H;
}

/** Options of the multi-channel stability check: the layer's geometry and groups, and whether b is learned. */
export interface MultiStabilityOptions extends ConvOptions {
  groups?: number;
  useBias: boolean;
}

/**
 * Hessian blocks of L = Σ(corr2dMulti(X, K) + b − Y)² (summed): one `[c_in/groups·kh·kw (+1), same]` block per group,
 * `H_g = 2Φ_gᵀΦ_g`, Φ_g's rows the windows over group g's input channels (d2l §7.4; padding, stride and dilation as
 * `convGeometry`). Every output channel of group g has Hessian block H_g (parameters: its kernels channel-major, then
 * its bias). `X: [c_in, h, w]`. Throws "stability: …" for a bad X, groups not dividing c_in, or a kernel too large.
 */
export function multiLossHessians(X: Volume, kH: number, kW: number, opts: MultiStabilityOptions): Matrix[] {
  const op = 'stability';
  const [cIn, inH, inW] = volumeShape(validateVolume(op, 'X', X));
  const groups = opts.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups ${groups} is not a positive integer`);
  if (cIn % groups !== 0) throw new Error(`${op}: groups ${groups} does not divide c_in ${cIn}`);
  const { stride, dilation, padding } = opts;
  const g = convGeometry({ inH, inW, kH, kW, stride, dilation, padding }, op);
  const per = cIn / groups;
  return Array.from({ length: groups }, (_, k) => windowHessian(X.slice(k * per, (k + 1) * per), g, opts.useBias));
}

/** `Stability` of a multi-channel layer, plus each group's eigenvalues (ascending). */
export interface MultiStability extends Stability {
  groupEigenvalues: number[][];
}

/**
 * Stability of plain gradient descent with learning rate `lr` on L = Σ(corr2dMulti(X, K) + b − Y)²: the eigenvalues
 * of every group's Hessian block (`multiLossHessians`); `eigenvalues` lists each group's once, ascending (each output
 * channel of a group repeats its spectrum); lrMax = 2/λmax. Throws like `multiLossHessians`, and for a learning rate
 * that is not a positive finite number.
 */
export function multiStabilityReport(
  X: Volume,
  kH: number,
  kW: number,
  lr: number,
  opts: MultiStabilityOptions,
): MultiStability {
  if (!Number.isFinite(lr) || lr <= 0) throw new Error(`stability: learning rate ${lr} is not a positive number`);
  const groupEigenvalues = multiLossHessians(X, kH, kW, opts).map(symmetricEigenvalues);
  const eigenvalues = groupEigenvalues.flat().sort((x, y) => x - y);
  return { ...limit(eigenvalues, lr), groupEigenvalues };
}

function limit(eigenvalues: number[], lr: number): Stability {
  const lambdaMax = Math.max(0, eigenvalues[eigenvalues.length - 1]);
  const lrMax = lambdaMax > 0 ? 2 / lambdaMax : Infinity;
  return { eigenvalues, lambdaMax, lrMax, stable: lr < lrMax };
}

/**
 * Eigenvalues of a symmetric matrix `A: [n, n]` by the cyclic Jacobi eigenvalue algorithm (Golub & Van Loan,
 * "Matrix Computations" §8.5): rotate away each off-diagonal entry until their norm is negligible. Returns the
 * eigenvalues ascending. Meant for small matrices (here at most (kh·kw + 1)²). Throws for a non-square or
 * non-symmetric input.
 */
export function symmetricEigenvalues(A: Matrix): number[] {
  const n = A.length;
  A.forEach((row, r) => {
    if (row.length !== n) throw new Error(`symmetricEigenvalues: row ${r} has ${row.length} elements, expected ${n}`);
    row.forEach((v, c) => {
      if (Math.abs(v - A[c][r]) > 1e-9 * (1 + Math.abs(v))) {
        throw new Error(`symmetricEigenvalues: A[${r}][${c}] = ${v} but A[${c}][${r}] = ${A[c][r]}`);
      }
    });
  });
  const M = A.map((row) => [...row]);
  for (let sweep = 0; sweep < 100 && offDiagonalNorm(M) > 1e-14 * (1 + diagonalNorm(M)); sweep++) {
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) rotate(M, p, q);
  }
  return M.map((row, i) => row[i]).sort((x, y) => x - y);
}

/** One Jacobi rotation in the (p, q) plane that zeroes M[p][q] (and M[q][p]). */
function rotate(M: Matrix, p: number, q: number): void {
  const apq = M[p][q];
  if (apq === 0) return;
  const theta = (M[q][q] - M[p][p]) / (2 * apq);
  // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle below π/4 (numerically stable).
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < M.length; k++) {
    const mkp = M[k][p];
    const mkq = M[k][q];
    M[k][p] = c * mkp - s * mkq;
    M[k][q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < M.length; k++) {
    const mpk = M[p][k];
    const mqk = M[q][k];
    M[p][k] = c * mpk - s * mqk;
    M[q][k] = s * mpk + c * mqk;
  }
}

function offDiagonalNorm(M: Matrix): number {
  let s = 0;
  M.forEach((row, r) => row.forEach((v, c) => (s += r === c ? 0 : v * v)));
  return Math.sqrt(s);
}

function diagonalNorm(M: Matrix): number {
  return Math.sqrt(M.reduce((s, row, i) => s + row[i] * row[i], 0));
}

/**
 * Stability of plain gradient descent with learning rate `lr` on L = Σ(corr2d(X, K) + b − Y)² (summed, not the
 * mean) for a `[kh, kw]` kernel: eigenvalues of H = 2ΦᵀΦ, λmax, lrMax = 2/λmax, `stable: lr < lrMax`.
 * The 6×8 edge image with a 1×2 kernel: eigenvalues 12, 60 → lrMax = 1/30; with bias 12, 19.69, 124.31 → 0.01609.
 * Throws like `lossHessian`, and for a learning rate that is not a positive finite number.
 */
export function stabilityReport(X: Matrix, kH: number, kW: number, useBias: boolean, lr: number): Stability {
  if (!Number.isFinite(lr) || lr <= 0) throw new Error(`stability: learning rate ${lr} is not a positive number`);
  return limit(symmetricEigenvalues(lossHessian(X, kH, kW, useBias)), lr);
}
