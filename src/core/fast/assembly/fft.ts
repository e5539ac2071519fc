// Cross-correlation through the FFT for large kernels (overlap-save; Oppenheim & Schafer, "Discrete-Time Signal
// Processing", §8.7): the image is cut into n×n tiles that overlap by k − 1, each tile's 2-D DFT is multiplied by the
// kernel's conjugate spectrum (correlation theorem), and the inverse DFT's window-free part is the valid output. Two
// real tiles travel as one complex tile (A + iB): the kernel is real, so the result is A ⋆ K + i·(B ⋆ K).
// Planes are split into real and imaginary arrays so every butterfly works on four columns at once.
import { madd } from './simd';

/**
 * In-place forward 2-D DFT of the n×n complex array (`re`, `im`) from natural order to a scrambled layout: the result
 * is TRANSPOSED and both axes are in bit-reversed order (entry [u][v] at [rev(v)][rev(u)]). Decimation in frequency
 * over the columns, a transpose, the same again. `fft2dDit` takes this layout back to natural order, so the
 * correlation never permutes rows. `tw` holds the 3n/4 twiddles e^(−2πi·t/n) as (cos, sin) pairs of float32 (the
 * radix-4 butterflies use t up to 3·(n/4 − 1)); n is a power of two ≥ 4.
 */
export function fft2dDif(re: usize, im: usize, n: i32, tw: usize): void {
  difColumns(re, im, n, tw);
  transpose(re, n);
  transpose(im, n);
  difColumns(re, im, n, tw);
}

/**
 * In-place forward 2-D DFT of an array in `fft2dDif`'s layout (transposed, bit-reversed axes), result in natural
 * order: decimation in time over the columns, a transpose, the same again. Applied to a spectrum, it returns the
 * (conjugated, n²-scaled) inverse DFT in natural order.
 */
function fft2dDit(re: usize, im: usize, n: i32, tw: usize): void {
  ditColumns(re, im, n, tw);
  transpose(re, n);
  transpose(im, n);
  ditColumns(re, im, n, tw);
}

// Radix-4 passes (two radix-2 stages fused, so the rows travel through memory half as often, and three complex
// multiplies per four points instead of four): Van Loan, "Computational Frameworks for the Fast Fourier Transform"
// (SIAM 1992), §2.3. A radix-2 stage covers an odd log₂ n.

/** DFT of every column, natural order in, bit-reversed out (Gentleman–Sande: butterfly, then twiddle). */
function difColumns(re: usize, im: usize, n: i32, tw: usize): void {
  const rowBytes = (<usize>n) << 2;
  let m = n; // block of rows one pass works on
  if (ctz(n) & 1) {
    const half = n >> 1;
    for (let j = 0; j < half; j++) {
      const a = <usize>j * rowBytes;
      dif2(re + a, im + a, <usize>half * rowBytes, n, twiddle(tw, j, 0), twiddle(tw, j, 1));
    }
    m = half;
  }
  for (; m >= 4; m >>= 2) {
    const q = m >> 2;
    const step = n / m; // W_m^j = W_n^(j·step)
    const gap = <usize>q * rowBytes;
    for (let s = 0; s < n; s += m) {
      dif4Plain(re + <usize>s * rowBytes, im + <usize>s * rowBytes, gap, n);
      for (let j = 1; j < q; j++) {
        const a = <usize>(s + j) * rowBytes;
        const t = j * step;
        dif4(re + a, im + a, gap, n, tw, t, 2 * t, 3 * t);
      }
    }
  }
}

/** DFT of every column, bit-reversed order in, natural out (Cooley–Tukey: twiddle, then butterfly). */
function ditColumns(re: usize, im: usize, n: i32, tw: usize): void {
  const rowBytes = (<usize>n) << 2;
  let m = 4;
  for (; m <= n; m <<= 2) {
    const q = m >> 2;
    const step = n / m;
    const gap = <usize>q * rowBytes;
    for (let s = 0; s < n; s += m) {
      dit4Plain(re + <usize>s * rowBytes, im + <usize>s * rowBytes, gap, n);
      for (let j = 1; j < q; j++) {
        const a = <usize>(s + j) * rowBytes;
        const t = j * step;
        dit4(re + a, im + a, gap, n, tw, t, 2 * t, 3 * t);
      }
    }
  }
  if (ctz(n) & 1) {
    const half = n >> 1;
    for (let j = 0; j < half; j++) {
      const a = <usize>j * rowBytes;
      dit2(re + a, im + a, <usize>half * rowBytes, n, twiddle(tw, j, 0), twiddle(tw, j, 1));
    }
  }
}

/** Lane-splat of the cosine (`part` 0) or sine (1) of twiddle `t`. */
function twiddle(tw: usize, t: i32, part: i32): v128 {
  return v128.load32_splat(tw + ((<usize>t) << 3) + ((<usize>part) << 2));
}

/** Stores (xr + i·xi)·(wr + i·wi) at (`pr`, `pi`). */
function storeTimes(pr: usize, pi: usize, xr: v128, xi: v128, wr: v128, wi: v128): void {
  v128.store(pr, madd(xr, wr, f32x4.neg(f32x4.mul(xi, wi))));
  v128.store(pi, madd(xr, wi, f32x4.mul(xi, wr)));
}

/** Radix-2 DIF over the row pair (a, a + gap): a ← a + b, b ← (a − b)·w. */
function dif2(re: usize, im: usize, gap: usize, n: i32, wr: v128, wi: v128): void {
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    const ar = v128.load(re + c),
      ai = v128.load(im + c);
    const br = v128.load(re + gap + c),
      bi = v128.load(im + gap + c);
    v128.store(re + c, f32x4.add(ar, br));
    v128.store(im + c, f32x4.add(ai, bi));
    storeTimes(re + gap + c, im + gap + c, f32x4.sub(ar, br), f32x4.sub(ai, bi), wr, wi);
  }
}

/** Radix-2 DIT over the row pair (a, a + gap): b ← b·w, then a ← a + b, b ← a − b. */
function dit2(re: usize, im: usize, gap: usize, n: i32, wr: v128, wi: v128): void {
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    const ar = v128.load(re + c),
      ai = v128.load(im + c);
    const xr = v128.load(re + gap + c),
      xi = v128.load(im + gap + c);
    const br = madd(xr, wr, f32x4.neg(f32x4.mul(xi, wi)));
    const bi = madd(xr, wi, f32x4.mul(xi, wr));
    v128.store(re + c, f32x4.add(ar, br));
    v128.store(im + c, f32x4.add(ai, bi));
    v128.store(re + gap + c, f32x4.sub(ar, br));
    v128.store(im + gap + c, f32x4.sub(ai, bi));
  }
}

/**
 * Radix-4 DIF over rows x0..x3 (`gap` bytes apart) with w = W_m^j (twiddle indices t1, t2 = 2·t1, t3 = 3·t1):
 * a = x0 + x2, b = x0 − x2, c = x1 + x3, d = −i·(x1 − x3); x0 ← a + c, x1 ← (a − c)·w², x2 ← (b + d)·w,
 * x3 ← (b − d)·w³ (the two radix-2 stages' outputs in their places).
 */
function dif4(re: usize, im: usize, gap: usize, n: i32, tw: usize, t1: i32, t2: i32, t3: i32): void {
  const w1r = twiddle(tw, t1, 0),
    w1i = twiddle(tw, t1, 1);
  const w2r = twiddle(tw, t2, 0),
    w2i = twiddle(tw, t2, 1);
  const w3r = twiddle(tw, t3, 0),
    w3i = twiddle(tw, t3, 1);
  const g2 = gap << 1,
    g3 = gap * 3;
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    const x0r = v128.load(re + c),
      x0i = v128.load(im + c);
    const x1r = v128.load(re + gap + c),
      x1i = v128.load(im + gap + c);
    const x2r = v128.load(re + g2 + c),
      x2i = v128.load(im + g2 + c);
    const x3r = v128.load(re + g3 + c),
      x3i = v128.load(im + g3 + c);
    const ar = f32x4.add(x0r, x2r),
      ai = f32x4.add(x0i, x2i);
    const br = f32x4.sub(x0r, x2r),
      bi = f32x4.sub(x0i, x2i);
    const cr = f32x4.add(x1r, x3r),
      ci = f32x4.add(x1i, x3i);
    const dr = f32x4.sub(x1i, x3i),
      di = f32x4.sub(x3r, x1r);
    v128.store(re + c, f32x4.add(ar, cr));
    v128.store(im + c, f32x4.add(ai, ci));
    storeTimes(re + gap + c, im + gap + c, f32x4.sub(ar, cr), f32x4.sub(ai, ci), w2r, w2i);
    storeTimes(re + g2 + c, im + g2 + c, f32x4.add(br, dr), f32x4.add(bi, di), w1r, w1i);
    storeTimes(re + g3 + c, im + g3 + c, f32x4.sub(br, dr), f32x4.sub(bi, di), w3r, w3i);
  }
}

/** `dif4` with j = 0: every twiddle is 1. */
function dif4Plain(re: usize, im: usize, gap: usize, n: i32): void {
  const g2 = gap << 1,
    g3 = gap * 3;
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    const x0r = v128.load(re + c),
      x0i = v128.load(im + c);
    const x1r = v128.load(re + gap + c),
      x1i = v128.load(im + gap + c);
    const x2r = v128.load(re + g2 + c),
      x2i = v128.load(im + g2 + c);
    const x3r = v128.load(re + g3 + c),
      x3i = v128.load(im + g3 + c);
    const ar = f32x4.add(x0r, x2r),
      ai = f32x4.add(x0i, x2i);
    const br = f32x4.sub(x0r, x2r),
      bi = f32x4.sub(x0i, x2i);
    const cr = f32x4.add(x1r, x3r),
      ci = f32x4.add(x1i, x3i);
    const dr = f32x4.sub(x1i, x3i),
      di = f32x4.sub(x3r, x1r);
    v128.store(re + c, f32x4.add(ar, cr));
    v128.store(im + c, f32x4.add(ai, ci));
    v128.store(re + gap + c, f32x4.sub(ar, cr));
    v128.store(im + gap + c, f32x4.sub(ai, ci));
    v128.store(re + g2 + c, f32x4.add(br, dr));
    v128.store(im + g2 + c, f32x4.add(bi, di));
    v128.store(re + g3 + c, f32x4.sub(br, dr));
    v128.store(im + g3 + c, f32x4.sub(bi, di));
  }
}

/**
 * Radix-4 DIT over rows x0..x3 (`gap` bytes apart) with v = W_m^j: p = v²·x1, q = v·x2, r = v³·x3, s = q + r,
 * d = −i·(q − r); x0 ← x0 + p + s, x1 ← x0 − p + d, x2 ← x0 + p − s, x3 ← x0 − p − d.
 */
function dit4(re: usize, im: usize, gap: usize, n: i32, tw: usize, t1: i32, t2: i32, t3: i32): void {
  const v1r = twiddle(tw, t1, 0),
    v1i = twiddle(tw, t1, 1);
  const v2r = twiddle(tw, t2, 0),
    v2i = twiddle(tw, t2, 1);
  const v3r = twiddle(tw, t3, 0),
    v3i = twiddle(tw, t3, 1);
  const g2 = gap << 1,
    g3 = gap * 3;
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    const x0r = v128.load(re + c),
      x0i = v128.load(im + c);
    const x1r = v128.load(re + gap + c),
      x1i = v128.load(im + gap + c);
    const x2r = v128.load(re + g2 + c),
      x2i = v128.load(im + g2 + c);
    const x3r = v128.load(re + g3 + c),
      x3i = v128.load(im + g3 + c);
    const pr = madd(x1r, v2r, f32x4.neg(f32x4.mul(x1i, v2i))),
      pi = madd(x1r, v2i, f32x4.mul(x1i, v2r));
    const qr = madd(x2r, v1r, f32x4.neg(f32x4.mul(x2i, v1i))),
      qi = madd(x2r, v1i, f32x4.mul(x2i, v1r));
    const rr = madd(x3r, v3r, f32x4.neg(f32x4.mul(x3i, v3i))),
      ri = madd(x3r, v3i, f32x4.mul(x3i, v3r));
    butterfly4(re + c, im + c, gap, x0r, x0i, pr, pi, qr, qi, rr, ri);
  }
}

/** `dit4` with j = 0: every twiddle is 1. */
function dit4Plain(re: usize, im: usize, gap: usize, n: i32): void {
  const g2 = gap << 1,
    g3 = gap * 3;
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    butterfly4(
      re + c,
      im + c,
      gap,
      v128.load(re + c),
      v128.load(im + c),
      v128.load(re + gap + c),
      v128.load(im + gap + c),
      v128.load(re + g2 + c),
      v128.load(im + g2 + c),
      v128.load(re + g3 + c),
      v128.load(im + g3 + c),
    );
  }
}

/** The DIT radix-4 sums of x0 and the twiddled p, q, r, stored at rows 0..3 (`gap` bytes apart). */
function butterfly4(
  re: usize,
  im: usize,
  gap: usize,
  x0r: v128,
  x0i: v128,
  pr: v128,
  pi: v128,
  qr: v128,
  qi: v128,
  rr: v128,
  ri: v128,
): void {
  const y0r = f32x4.add(x0r, pr),
    y0i = f32x4.add(x0i, pi);
  const y1r = f32x4.sub(x0r, pr),
    y1i = f32x4.sub(x0i, pi);
  const sr = f32x4.add(qr, rr),
    si = f32x4.add(qi, ri);
  const dr = f32x4.sub(qi, ri),
    di = f32x4.sub(rr, qr);
  v128.store(re, f32x4.add(y0r, sr));
  v128.store(im, f32x4.add(y0i, si));
  v128.store(re + (gap << 1), f32x4.sub(y0r, sr));
  v128.store(im + (gap << 1), f32x4.sub(y0i, si));
  v128.store(re + gap, f32x4.add(y1r, dr));
  v128.store(im + gap, f32x4.add(y1i, di));
  v128.store(re + gap * 3, f32x4.sub(y1r, dr));
  v128.store(im + gap * 3, f32x4.sub(y1i, di));
}

/** In-place transpose of an n×n float32 matrix (n a multiple of 4), 4×4 blocks through lane shuffles. */
function transpose(m: usize, n: i32): void {
  const row = (<usize>n) << 2;
  for (let bi = 0; bi < n; bi += 4) {
    for (let bj = bi; bj < n; bj += 4) {
      const p = m + <usize>bi * row + ((<usize>bj) << 2);
      const q = m + <usize>bj * row + ((<usize>bi) << 2);
      const a0 = v128.load(p),
        a1 = v128.load(p + row),
        a2 = v128.load(p + 2 * row),
        a3 = v128.load(p + 3 * row);
      const b0 = v128.load(q),
        b1 = v128.load(q + row),
        b2 = v128.load(q + 2 * row),
        b3 = v128.load(q + 3 * row);
      store4(q, row, a0, a1, a2, a3);
      if (bi !== bj) store4(p, row, b0, b1, b2, b3);
    }
  }
}

/** Stores the transpose of the 4×4 block with rows r0..r3 at `p` (rows `row` bytes apart). */
function store4(p: usize, row: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
  v128.store(p, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
  v128.store(p + row, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7));
  v128.store(p + 2 * row, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5));
  v128.store(p + 3 * row, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7));
}

/**
 * The kernel's spectrum for `fftCorr`: `k: [kh, kw]` zero-padded to n×n, `fft2dDif`, times `scale` (1/n², the inverse
 * DFT's factor), into (`kRe`, `kIm`).
 */
export function spectrum(k: usize, kh: i32, kw: i32, kRe: usize, kIm: usize, n: i32, tw: usize): void {
  memory.fill(kRe, 0, (<usize>(n * n)) << 2);
  memory.fill(kIm, 0, (<usize>(n * n)) << 2);
  for (let a = 0; a < kh; a++)
    memory.copy(kRe + ((<usize>(a * n)) << 2), k + ((<usize>(a * kw)) << 2), (<usize>kw) << 2);
  fft2dDif(kRe, kIm, n, tw);
  const s = f32x4.splat(<f32>1 / <f32>(n * n));
  for (let p: usize = 0; p < (<usize>(n * n)) << 2; p += 16) {
    v128.store(kRe + p, f32x4.mul(v128.load(kRe + p), s));
    v128.store(kIm + p, f32x4.mul(v128.load(kIm + p), s));
  }
}

/**
 * Valid cross-correlation of `x: [h, w]` by a `kh×kw` kernel whose `spectrum` is (`kRe`, `kIm`) → `y: [h − kh + 1,
 * w − kw + 1]`, through n×n tiles (n ≥ kh, kw) in the scratch arrays `re`, `im` (n² floats each).
 */
export function fftCorr(
  x: usize,
  h: i32,
  w: i32,
  kh: i32,
  kw: i32,
  kRe: usize,
  kIm: usize,
  re: usize,
  im: usize,
  n: i32,
  tw: usize,
  y: usize,
): void {
  const oh = h - kh + 1;
  const ow = w - kw + 1;
  const sh = n - kh + 1; // valid rows per tile
  const sw = n - kw + 1;
  const tilesW = (ow + sw - 1) / sw;
  const tiles = ((oh + sh - 1) / sh) * tilesW;
  for (let t = 0; t < tiles; t += 2) {
    const r0 = (t / tilesW) * sh,
      c0 = (t % tilesW) * sw;
    gather(x, h, w, r0, c0, re, n);
    const pair = t + 1 < tiles;
    const r1 = ((t + 1) / tilesW) * sh,
      c1 = ((t + 1) % tilesW) * sw;
    if (pair) gather(x, h, w, r1, c1, im, n);
    else memory.fill(im, 0, (<usize>(n * n)) << 2);
    fft2dDif(re, im, n, tw);
    conjTimes(re, im, kRe, kIm, n * n);
    fft2dDit(re, im, n, tw);
    scatter(re, n, r0, c0, min(sh, oh - r0), min(sw, ow - c0), y, ow, false);
    if (pair) scatter(im, n, r1, c1, min(sh, oh - r1), min(sw, ow - c1), y, ow, true);
  }
}

/** The n×n tile of x at (r0, c0), zero past the image's edges. */
function gather(x: usize, h: i32, w: i32, r0: i32, c0: i32, dst: usize, n: i32): void {
  const rows = min(n, h - r0);
  const cols = min(n, w - c0);
  const rowBytes = (<usize>n) << 2;
  for (let r = 0; r < rows; r++) {
    const d = dst + <usize>r * rowBytes;
    memory.copy(d, x + ((<usize>((r0 + r) * w + c0)) << 2), (<usize>cols) << 2);
    if (cols < n) memory.fill(d + ((<usize>cols) << 2), 0, (<usize>(n - cols)) << 2);
  }
  if (rows < n) memory.fill(dst + <usize>rows * rowBytes, 0, <usize>(n - rows) * rowBytes);
}

/** (re + i·im) ← conj(re + i·im) · (kr + i·ki): the inverse DFT of the correlation becomes a forward DFT. */
function conjTimes(re: usize, im: usize, kRe: usize, kIm: usize, count: i32): void {
  for (let p: usize = 0; p < (<usize>count) << 2; p += 16) {
    const xr = v128.load(re + p),
      xi = v128.load(im + p);
    const kr = v128.load(kRe + p),
      ki = v128.load(kIm + p);
    v128.store(re + p, madd(xr, kr, f32x4.mul(xi, ki)));
    v128.store(im + p, f32x4.sub(f32x4.mul(xr, ki), f32x4.mul(xi, kr)));
  }
}

/**
 * Writes the tile's valid `rows × cols` block into y at (r0, c0). After `conjTimes` and a forward DFT the plane holds
 * conj(n²·IDFT(…)), so A ⋆ K is the real part as is and B ⋆ K the imaginary part negated (`negate`).
 */
function scatter(src: usize, n: i32, r0: i32, c0: i32, rows: i32, cols: i32, y: usize, ow: i32, negate: bool): void {
  for (let r = 0; r < rows; r++) {
    const s = src + ((<usize>(r * n)) << 2);
    const d = y + ((<usize>((r0 + r) * ow + c0)) << 2);
    if (!negate) {
      memory.copy(d, s, (<usize>cols) << 2);
      continue;
    }
    let c = 0;
    for (; c + 4 <= cols; c += 4) v128.store(d + ((<usize>c) << 2), f32x4.neg(v128.load(s + ((<usize>c) << 2))));
    for (; c < cols; c++) store<f32>(d + ((<usize>c) << 2), -load<f32>(s + ((<usize>c) << 2)));
  }
}
