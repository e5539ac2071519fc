// Valid cross-correlation of one plane by one kernel (d2l §7.2.1 `corr2d`): y[i][j] = Σₐ Σ_b x[i + a][j + b]·k[a][b].
// Register-blocked: 32 output columns (8 vectors of 4) share every kernel splat, so each multiply-add needs one
// load from x and none from k. The last block of a row overlaps the one before it instead of running past the row,
// so no input slack is needed and the output is dense ([oh, ow], no padded rows to strip in JavaScript).
import { madd, zero } from './simd';
import { block2x16, block3x12 } from './corr2';

/**
 * `x: [h, w]` at `xPtr`, `k: [kh, kw]` at `kPtr` → `y: [h − kh + 1, w − kw + 1]` at `yPtr` (float32, row-major,
 * pointers in bytes); `pairs` computes three output rows per pass for kernels of 3 rows and more, else two
 * (./corr2.ts). The caller checks that the kernel
 * fits; y must not overlap x or k.
 */
export function corr(xPtr: usize, h: i32, w: i32, kPtr: usize, kh: i32, kw: i32, yPtr: usize, pairs: bool): void {
  const oh = h - kh + 1;
  const ow = w - kw + 1;
  let i = 0;
  // Row triples for kernels of 3 rows and more: a vector loaded from x serves up to three output rows.
  if (pairs && kh >= 3 && ow >= 12) {
    for (; i + 3 <= oh; i += 3) {
      const x = xPtr + ((<usize>i * <usize>w) << 2);
      const y = yPtr + ((<usize>i * <usize>ow) << 2);
      let j = 0;
      for (; j + 12 <= ow; j += 12) block3x12(x + ((<usize>j) << 2), w, kPtr, kh, kw, y + ((<usize>j) << 2), ow);
      if (j < ow) block3x12(x + ((<usize>(ow - 12)) << 2), w, kPtr, kh, kw, y + ((<usize>(ow - 12)) << 2), ow);
    }
  }
  // Row pairs where a row holds at least 16 outputs: their last block overlaps the one before, like corrRow's.
  if (pairs && ow >= 16) {
    for (; i + 2 <= oh; i += 2) {
      const x = xPtr + ((<usize>i * <usize>w) << 2);
      const y = yPtr + ((<usize>i * <usize>ow) << 2);
      let j = 0;
      for (; j + 16 <= ow; j += 16) block2x16(x + ((<usize>j) << 2), w, kPtr, kh, kw, y + ((<usize>j) << 2), ow);
      if (j < ow) block2x16(x + ((<usize>(ow - 16)) << 2), w, kPtr, kh, kw, y + ((<usize>(ow - 16)) << 2), ow);
    }
  }
  for (; i < oh; i++) {
    corrRow(xPtr + ((<usize>i * <usize>w) << 2), w, kPtr, kh, kw, yPtr + ((<usize>i * <usize>ow) << 2), ow);
  }
}

/** One output row of `ow` values from the input rows starting at `xRow`. */
export function corrRow(xRow: usize, w: i32, kPtr: usize, kh: i32, kw: i32, yRow: usize, ow: i32): void {
  let j = 0;
  for (; j + 32 <= ow; j += 32) block8(xRow + ((<usize>j) << 2), w, kPtr, kh, kw, yRow + ((<usize>j) << 2));
  if (j === ow) return;
  if (ow >= 32) {
    // Recompute the row's last 32 columns: the overlap rewrites equal values.
    block8(xRow + ((<usize>(ow - 32)) << 2), w, kPtr, kh, kw, yRow + ((<usize>(ow - 32)) << 2));
    return;
  }
  for (; j + 4 <= ow; j += 4) block1(xRow + ((<usize>j) << 2), w, kPtr, kh, kw, yRow + ((<usize>j) << 2));
  if (j === ow) return;
  if (ow >= 4) block1(xRow + ((<usize>(ow - 4)) << 2), w, kPtr, kh, kw, yRow + ((<usize>(ow - 4)) << 2));
  else for (; j < ow; j++) store<f32>(yRow + ((<usize>j) << 2), dot(xRow + ((<usize>j) << 2), w, kPtr, kh, kw));
}

/** 32 outputs y[j .. j + 31] of one row: 8 accumulators, one kernel splat per tap. */
function block8(xp: usize, w: i32, kPtr: usize, kh: i32, kw: i32, yp: usize): void {
  let a0 = zero(),
    a1 = zero(),
    a2 = zero(),
    a3 = zero(),
    a4 = zero(),
    a5 = zero(),
    a6 = zero(),
    a7 = zero();
  const stride = (<usize>w) << 2;
  let kp = kPtr;
  for (let a = 0; a < kh; a++) {
    let q = xp;
    const end = kp + ((<usize>kw) << 2);
    for (; kp < end; kp += 4) {
      const kv = v128.load32_splat(kp);
      a0 = madd(v128.load(q, 0), kv, a0);
      a1 = madd(v128.load(q, 16), kv, a1);
      a2 = madd(v128.load(q, 32), kv, a2);
      a3 = madd(v128.load(q, 48), kv, a3);
      a4 = madd(v128.load(q, 64), kv, a4);
      a5 = madd(v128.load(q, 80), kv, a5);
      a6 = madd(v128.load(q, 96), kv, a6);
      a7 = madd(v128.load(q, 112), kv, a7);
      q += 4;
    }
    xp += stride;
  }
  v128.store(yp, a0, 0);
  v128.store(yp, a1, 16);
  v128.store(yp, a2, 32);
  v128.store(yp, a3, 48);
  v128.store(yp, a4, 64);
  v128.store(yp, a5, 80);
  v128.store(yp, a6, 96);
  v128.store(yp, a7, 112);
}

/** 4 outputs y[j .. j + 3]. */
function block1(xp: usize, w: i32, kPtr: usize, kh: i32, kw: i32, yp: usize): void {
  let acc = zero();
  const stride = (<usize>w) << 2;
  let kp = kPtr;
  for (let a = 0; a < kh; a++) {
    let q = xp;
    const end = kp + ((<usize>kw) << 2);
    for (; kp < end; kp += 4) {
      acc = madd(v128.load(q), v128.load32_splat(kp), acc);
      q += 4;
    }
    xp += stride;
  }
  v128.store(yp, acc);
}

/** One output value (rows narrower than a vector). */
function dot(xp: usize, w: i32, kPtr: usize, kh: i32, kw: i32): f32 {
  let s: f32 = 0;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      s += load<f32>(xp + ((<usize>(a * w + b)) << 2)) * load<f32>(kPtr + ((<usize>(a * kw + b)) << 2));
    }
  }
  return s;
}

/**
 * A 1×1 kernel: y = k·x over `n` floats (x and y dense). The blocked kernels' per-block set-up costs more than the
 * one multiply per output here, so a plain stream of 16 floats per step does it.
 */
export function scale(xPtr: usize, n: i32, kPtr: usize, yPtr: usize): void {
  const k = v128.load32_splat(kPtr);
  const end = (<usize>n) << 2;
  let p: usize = 0;
  for (; p + 64 <= end; p += 64) {
    v128.store(yPtr + p, f32x4.mul(v128.load(xPtr + p, 0), k), 0);
    v128.store(yPtr + p, f32x4.mul(v128.load(xPtr + p, 16), k), 16);
    v128.store(yPtr + p, f32x4.mul(v128.load(xPtr + p, 32), k), 32);
    v128.store(yPtr + p, f32x4.mul(v128.load(xPtr + p, 48), k), 48);
  }
  const kv = load<f32>(kPtr);
  for (; p < end; p += 4) store<f32>(yPtr + p, load<f32>(xPtr + p) * kv);
}
