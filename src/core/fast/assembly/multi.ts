// Multi-channel cross-correlation, one group (d2l §7.4 "Multiple Input and Multiple Output Channels"; PyTorch's
// Conv2d weight layout): y[o][i][j] = bias[o] + Σ_c Σₐ Σ_b x[c][i + a][j + b]·k[o][c][a][b]. Four output channels at
// a time share every vector loaded from x (4 multiply-adds per load instead of 1); 8 columns per block.
import { madd } from './simd';

/**
 * `x: [cin, h, w]` (already zero-padded by the caller), `k: [cout, cin, kh, kw]`, `bias: [cout]` → `y: [cout, h − kh
 * + 1, w − kw + 1]`, stride 1, no dilation, all float32, pointers in bytes.
 */
export function corrMulti(
  x: usize,
  cin: i32,
  h: i32,
  w: i32,
  k: usize,
  cout: i32,
  kh: i32,
  kw: i32,
  bias: usize,
  y: usize,
): void {
  const oh = h - kh + 1;
  const ow = w - kw + 1;
  const plane = (<usize>(oh * ow)) << 2;
  const kPer = (<usize>(cin * kh * kw)) << 2; // bytes of one output channel's weights
  let o = 0;
  for (; o + 4 <= cout; o += 4) {
    channels4(x, cin, h, w, k + <usize>o * kPer, kPer, kh, kw, bias + ((<usize>o) << 2), y + <usize>o * plane, plane);
  }
  for (; o < cout; o++) {
    const b = load<f32>(bias + ((<usize>o) << 2));
    if (ow >= 32) channel1x32(x, cin, h, w, k + <usize>o * kPer, kh, kw, b, y + <usize>o * plane);
    else channel1(x, cin, h, w, k + <usize>o * kPer, kh, kw, b, y + <usize>o * plane);
  }
}

/** One output channel, 32 columns per block (8 accumulators share each kernel splat); needs ow ≥ 32. */
function channel1x32(x: usize, cin: i32, h: i32, w: i32, k: usize, kh: i32, kw: i32, bias: f32, y: usize): void {
  const oh = h - kh + 1;
  const ow = w - kw + 1;
  const b = f32x4.splat(bias);
  for (let i = 0; i < oh; i++) {
    const xRow = x + ((<usize>(i * w)) << 2);
    const yRow = y + ((<usize>(i * ow)) << 2);
    let j = 0;
    while (j < ow) {
      if (j + 32 > ow) j = ow - 32; // the last block overlaps the one before: equal values rewritten
      let a0 = b,
        a1 = b,
        a2 = b,
        a3 = b,
        a4 = b,
        a5 = b,
        a6 = b,
        a7 = b;
      let kp = k;
      for (let c = 0; c < cin; c++) {
        let xr = xRow + ((<usize>j) << 2) + ((<usize>(c * h * w)) << 2);
        for (let a = 0; a < kh; a++) {
          for (let bb = 0; bb < kw; bb++) {
            const s = v128.load32_splat(kp);
            a0 = madd(v128.load(xr, 0), s, a0);
            a1 = madd(v128.load(xr, 16), s, a1);
            a2 = madd(v128.load(xr, 32), s, a2);
            a3 = madd(v128.load(xr, 48), s, a3);
            a4 = madd(v128.load(xr, 64), s, a4);
            a5 = madd(v128.load(xr, 80), s, a5);
            a6 = madd(v128.load(xr, 96), s, a6);
            a7 = madd(v128.load(xr, 112), s, a7);
            kp += 4;
            xr += 4;
          }
          xr += (<usize>(w - kw)) << 2;
        }
      }
      const yp = yRow + ((<usize>j) << 2);
      v128.store(yp, a0, 0);
      v128.store(yp, a1, 16);
      v128.store(yp, a2, 32);
      v128.store(yp, a3, 48);
      v128.store(yp, a4, 64);
      v128.store(yp, a5, 80);
      v128.store(yp, a6, 96);
      v128.store(yp, a7, 112);
      j += 32;
    }
  }
}

/** Output channels o .. o + 3 (weights `kPer` bytes apart, planes `plane` bytes apart). */
function channels4(
  x: usize,
  cin: i32,
  h: i32,
  w: i32,
  k: usize,
  kPer: usize,
  kh: i32,
  kw: i32,
  bias: usize,
  y: usize,
  plane: usize,
): void {
  const oh = h - kh + 1;
  const ow = w - kw + 1;
  if (ow < 8) {
    for (let q = 0; q < 4; q++) {
      channel1(x, cin, h, w, k + <usize>q * kPer, kh, kw, load<f32>(bias + ((<usize>q) << 2)), y + <usize>q * plane);
    }
    return;
  }
  const b0 = v128.load32_splat(bias, 0),
    b1 = v128.load32_splat(bias, 4);
  const b2 = v128.load32_splat(bias, 8),
    b3 = v128.load32_splat(bias, 12);
  for (let i = 0; i < oh; i++) {
    const xRow = x + ((<usize>(i * w)) << 2);
    const yRow = y + ((<usize>(i * ow)) << 2);
    let j = 0;
    while (j < ow) {
      if (j + 8 > ow) j = ow - 8; // the last block overlaps the one before: equal values rewritten
      const xp = xRow + ((<usize>j) << 2);
      let p0 = b0,
        q0 = b0,
        p1 = b1,
        q1 = b1,
        p2 = b2,
        q2 = b2,
        p3 = b3,
        q3 = b3;
      let kp = k;
      for (let c = 0; c < cin; c++) {
        let xr = xp + ((<usize>(c * h * w)) << 2);
        for (let a = 0; a < kh; a++) {
          for (let b = 0; b < kw; b++) {
            const v0 = v128.load(xr, 0);
            const v1 = v128.load(xr, 16);
            let s = v128.load32_splat(kp);
            p0 = madd(v0, s, p0);
            q0 = madd(v1, s, q0);
            s = v128.load32_splat(kp + kPer);
            p1 = madd(v0, s, p1);
            q1 = madd(v1, s, q1);
            s = v128.load32_splat(kp + 2 * kPer);
            p2 = madd(v0, s, p2);
            q2 = madd(v1, s, q2);
            s = v128.load32_splat(kp + 3 * kPer);
            p3 = madd(v0, s, p3);
            q3 = madd(v1, s, q3);
            kp += 4;
            xr += 4;
          }
          xr += (<usize>(w - kw)) << 2;
        }
      }
      const yp = yRow + ((<usize>j) << 2);
      v128.store(yp, p0, 0);
      v128.store(yp, q0, 16);
      v128.store(yp + plane, p1, 0);
      v128.store(yp + plane, q1, 16);
      v128.store(yp + 2 * plane, p2, 0);
      v128.store(yp + 2 * plane, q2, 16);
      v128.store(yp + 3 * plane, p3, 0);
      v128.store(yp + 3 * plane, q3, 16);
      j += 8;
    }
  }
}

/** One output channel, plain loops (remainder channels and rows narrower than a block). */
function channel1(x: usize, cin: i32, h: i32, w: i32, k: usize, kh: i32, kw: i32, bias: f32, y: usize): void {
  const oh = h - kh + 1;
  const ow = w - kw + 1;
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let s = bias;
      let kp = k;
      for (let c = 0; c < cin; c++) {
        for (let a = 0; a < kh; a++) {
          const xr = x + ((<usize>((c * h + i + a) * w + j)) << 2);
          for (let b = 0; b < kw; b++) {
            s += load<f32>(xr + ((<usize>b) << 2)) * load<f32>(kp);
            kp += 4;
          }
        }
      }
      store<f32>(y + ((<usize>(i * ow + j)) << 2), s);
    }
  }
}
