// Two output rows at a time: an input row feeds output row i through kernel row t and output row i + 1 through kernel
// row t − 1, so every vector loaded from x serves two multiply-adds (the one-row kernel of ./corr.ts loads x once per
// multiply-add). 2 rows × 16 columns = 8 accumulators; two kernel splats per tap. Kernels of 3 rows and more take
// three output rows at a time (block3x12): about 8% faster on 3×3 in Chromium (bench grid, 512² and 1024²).
import { madd, zero } from './simd';

/**
 * Output rows i and i + 1, columns j .. j + 15 (`xp` = x[i][j], `yp` = y[i][j], rows `w` / `ow` floats apart): the
 * sums of ./corr.ts in the same order (kernel row by kernel row, tap by tap).
 */
export function block2x16(xp: usize, w: i32, kPtr: usize, kh: i32, kw: i32, yp: usize, ow: i32): void {
  let a0 = zero(),
    a1 = zero(),
    a2 = zero(),
    a3 = zero();
  let b0 = zero(),
    b1 = zero(),
    b2 = zero(),
    b3 = zero();
  const stride = (<usize>w) << 2;
  const kRow = (<usize>kw) << 2;
  // Input row 0 feeds only output row i (kernel row 0).
  let kp = kPtr;
  let q = xp;
  for (let b = 0; b < kw; b++) {
    const k0 = v128.load32_splat(kp);
    a0 = madd(v128.load(q, 0), k0, a0);
    a1 = madd(v128.load(q, 16), k0, a1);
    a2 = madd(v128.load(q, 32), k0, a2);
    a3 = madd(v128.load(q, 48), k0, a3);
    kp += 4;
    q += 4;
  }
  // Input rows 1 .. kh − 1 feed both: row i through kernel row t, row i + 1 through kernel row t − 1.
  for (let t = 1; t < kh; t++) {
    q = xp + <usize>t * stride;
    kp = kPtr + <usize>t * kRow;
    for (let b = 0; b < kw; b++) {
      const k0 = v128.load32_splat(kp);
      const k1 = v128.load32_splat(kp - kRow);
      const x0 = v128.load(q, 0);
      const x1 = v128.load(q, 16);
      const x2 = v128.load(q, 32);
      const x3 = v128.load(q, 48);
      a0 = madd(x0, k0, a0);
      a1 = madd(x1, k0, a1);
      a2 = madd(x2, k0, a2);
      a3 = madd(x3, k0, a3);
      b0 = madd(x0, k1, b0);
      b1 = madd(x1, k1, b1);
      b2 = madd(x2, k1, b2);
      b3 = madd(x3, k1, b3);
      kp += 4;
      q += 4;
    }
  }
  // Input row kh feeds only output row i + 1 (kernel row kh − 1).
  q = xp + <usize>kh * stride;
  kp = kPtr + <usize>(kh - 1) * kRow;
  for (let b = 0; b < kw; b++) {
    const k1 = v128.load32_splat(kp);
    b0 = madd(v128.load(q, 0), k1, b0);
    b1 = madd(v128.load(q, 16), k1, b1);
    b2 = madd(v128.load(q, 32), k1, b2);
    b3 = madd(v128.load(q, 48), k1, b3);
    kp += 4;
    q += 4;
  }
  const y1 = yp + ((<usize>ow) << 2);
  v128.store(yp, a0, 0);
  v128.store(yp, a1, 16);
  v128.store(yp, a2, 32);
  v128.store(yp, a3, 48);
  v128.store(y1, b0, 0);
  v128.store(y1, b1, 16);
  v128.store(y1, b2, 32);
  v128.store(y1, b3, 48);
}

/**
 * Output rows i, i + 1, i + 2, columns j .. j + 11 (`kh` ≥ 3): every input row from 2 to kh − 1 feeds all three
 * output rows, so each vector loaded from x serves three multiply-adds; 9 accumulators, one kernel splat live at a
 * time. Same sums in the same order as ./corr.ts (kernel row by kernel row, tap by tap).
 */
export function block3x12(xp: usize, w: i32, kPtr: usize, kh: i32, kw: i32, yp: usize, ow: i32): void {
  let a0 = zero(),
    a1 = zero(),
    a2 = zero();
  let b0 = zero(),
    b1 = zero(),
    b2 = zero();
  let c0 = zero(),
    c1 = zero(),
    c2 = zero();
  const stride = (<usize>w) << 2;
  const kRow = (<usize>kw) << 2;
  // Input row 0: output row i through kernel row 0.
  let q = xp;
  let kp = kPtr;
  for (let b = 0; b < kw; b++) {
    const x0 = v128.load(q, 0);
    const x1 = v128.load(q, 16);
    const x2 = v128.load(q, 32);
    const k0 = v128.load32_splat(kp);
    a0 = madd(x0, k0, a0);
    a1 = madd(x1, k0, a1);
    a2 = madd(x2, k0, a2);
    kp += 4;
    q += 4;
  }
  // Input row 1: row i through kernel row 1, row i + 1 through kernel row 0.
  q = xp + stride;
  kp = kPtr + kRow;
  for (let b = 0; b < kw; b++) {
    const x0 = v128.load(q, 0);
    const x1 = v128.load(q, 16);
    const x2 = v128.load(q, 32);
    const k0 = v128.load32_splat(kp);
    a0 = madd(x0, k0, a0);
    a1 = madd(x1, k0, a1);
    a2 = madd(x2, k0, a2);
    const k1 = v128.load32_splat(kp - kRow);
    b0 = madd(x0, k1, b0);
    b1 = madd(x1, k1, b1);
    b2 = madd(x2, k1, b2);
    kp += 4;
    q += 4;
  }
  // Input rows 2 .. kh − 1 feed all three: kernel rows t, t − 1, t − 2.
  for (let t = 2; t < kh; t++) {
    q = xp + <usize>t * stride;
    kp = kPtr + <usize>t * kRow;
    for (let b = 0; b < kw; b++) {
      const x0 = v128.load(q, 0);
      const x1 = v128.load(q, 16);
      const x2 = v128.load(q, 32);
      const k0 = v128.load32_splat(kp);
      a0 = madd(x0, k0, a0);
      a1 = madd(x1, k0, a1);
      a2 = madd(x2, k0, a2);
      const k1 = v128.load32_splat(kp - kRow);
      b0 = madd(x0, k1, b0);
      b1 = madd(x1, k1, b1);
      b2 = madd(x2, k1, b2);
      const k2 = v128.load32_splat(kp - 2 * kRow);
      c0 = madd(x0, k2, c0);
      c1 = madd(x1, k2, c1);
      c2 = madd(x2, k2, c2);
      kp += 4;
      q += 4;
    }
  }
  // Input row kh: row i + 1 through kernel row kh − 1, row i + 2 through kernel row kh − 2.
  q = xp + <usize>kh * stride;
  kp = kPtr + <usize>(kh - 1) * kRow;
  for (let b = 0; b < kw; b++) {
    const x0 = v128.load(q, 0);
    const x1 = v128.load(q, 16);
    const x2 = v128.load(q, 32);
    const k1 = v128.load32_splat(kp);
    b0 = madd(x0, k1, b0);
    b1 = madd(x1, k1, b1);
    b2 = madd(x2, k1, b2);
    const k2 = v128.load32_splat(kp - kRow);
    c0 = madd(x0, k2, c0);
    c1 = madd(x1, k2, c1);
    c2 = madd(x2, k2, c2);
    kp += 4;
    q += 4;
  }
  // Input row kh + 1: row i + 2 through kernel row kh − 1.
  q = xp + <usize>(kh + 1) * stride;
  kp = kPtr + <usize>(kh - 1) * kRow;
  for (let b = 0; b < kw; b++) {
    const x0 = v128.load(q, 0);
    const x1 = v128.load(q, 16);
    const x2 = v128.load(q, 32);
    const k2 = v128.load32_splat(kp);
    c0 = madd(x0, k2, c0);
    c1 = madd(x1, k2, c1);
    c2 = madd(x2, k2, c2);
    kp += 4;
    q += 4;
  }
  const oStride = (<usize>ow) << 2;
  v128.store(yp, a0, 0);
  v128.store(yp, a1, 16);
  v128.store(yp, a2, 32);
  v128.store(yp + oStride, b0, 0);
  v128.store(yp + oStride, b1, 16);
  v128.store(yp + oStride, b2, 32);
  v128.store(yp + 2 * oStride, c0, 0);
  v128.store(yp + 2 * oStride, c1, 16);
  v128.store(yp + 2 * oStride, c2, 32);
}
