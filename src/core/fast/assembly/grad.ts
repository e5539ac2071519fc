// Kernel gradient of a valid cross-correlation (d2l §7.2.5): for L with ∂L/∂Y = r, ∂L/∂K[a][b] = Σᵢⱼ X[i + a][j + b]·r[i][j]
// — itself a valid cross-correlation of X by r, with a tiny output (the kernel) and a huge "kernel" (the image), so
// it runs as kh·kw long dot products rather than through `corr`.
import { hsum, madd, zero } from './simd';

/**
 * `x: [h, w]` at `xPtr`, `r: [oh, ow]` at `rPtr` (dense) → `g: [h − oh + 1, w − ow + 1]` at `gPtr`,
 * g[a][b] = Σᵢ Σⱼ x[i + a][j + b]·r[i][j] (no factor 2: the caller scales). Sums in float32 lanes.
 */
export function grad(xPtr: usize, h: i32, w: i32, rPtr: usize, oh: i32, ow: i32, gPtr: usize): void {
  const kh = h - oh + 1;
  const kw = w - ow + 1;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const s = tap(xPtr + ((<usize>(a * w + b)) << 2), w, rPtr, oh, ow);
      store<f32>(gPtr + ((<usize>(a * kw + b)) << 2), s);
    }
  }
}

/** Σᵢ Σⱼ x[i][j]·r[i][j] with x rows `w` apart and r dense `[oh, ow]`. */
export function tap(xp: usize, w: i32, rPtr: usize, oh: i32, ow: i32): f32 {
  let s0 = zero(),
    s1 = zero(),
    s2 = zero(),
    s3 = zero();
  let tail: f32 = 0;
  const xStride = (<usize>w) << 2;
  let rp = rPtr;
  for (let i = 0; i < oh; i++) {
    let j = 0;
    for (; j + 16 <= ow; j += 16) {
      const o = (<usize>j) << 2;
      s0 = madd(v128.load(xp + o, 0), v128.load(rp + o, 0), s0);
      s1 = madd(v128.load(xp + o, 16), v128.load(rp + o, 16), s1);
      s2 = madd(v128.load(xp + o, 32), v128.load(rp + o, 32), s2);
      s3 = madd(v128.load(xp + o, 48), v128.load(rp + o, 48), s3);
    }
    for (; j + 4 <= ow; j += 4) {
      const o = (<usize>j) << 2;
      s0 = madd(v128.load(xp + o), v128.load(rp + o), s0);
    }
    for (; j < ow; j++) tail += load<f32>(xp + ((<usize>j) << 2)) * load<f32>(rp + ((<usize>j) << 2));
    xp += xStride;
    rp += (<usize>ow) << 2;
  }
  return hsum(f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3))) + tail;
}
