// Cross-correlation through the FFT for large kernels (overlap-save; Oppenheim & Schafer, "Discrete-Time Signal
// Processing", §8.7): the image is cut into n×n tiles that overlap by k − 1, each tile's 2-D DFT is multiplied by the
// kernel's conjugate spectrum (correlation theorem), and the inverse DFT's window-free part is the valid output. Two
// real tiles travel as one complex tile (A + iB): the kernel is real, so the result is A ⋆ K + i·(B ⋆ K).
// Planes are split into real and imaginary arrays so every butterfly works on four columns at once.
import { madd } from './simd';

/**
 * In-place 2-D DFT of the n×n complex array (`re`, `im`), result TRANSPOSED (entry [u][v] at [v][u]): radix-2
 * decimation-in-time over the columns, a transpose, the same over the columns again. `tw` holds the n/2 twiddles
 * e^(−2πi·t/n) as (cos, sin) pairs of float32; n is a power of two ≥ 4.
 */
export function fft2d(re: usize, im: usize, n: i32, tw: usize): void {
  fftColumns(re, im, n, tw);
  transpose(re, n);
  transpose(im, n);
  fftColumns(re, im, n, tw);
}

/** The DFT of every column of the n×n complex array, in place (rows swapped into bit-reversed order first). */
function fftColumns(re: usize, im: usize, n: i32, tw: usize): void {
  const rowBytes = (<usize>n) << 2;
  const bits = ctz(n);
  for (let r = 0; r < n; r++) {
    const q = bitReverse(r, bits);
    if (q > r) {
      swapRows(re + <usize>r * rowBytes, re + <usize>q * rowBytes, n);
      swapRows(im + <usize>r * rowBytes, im + <usize>q * rowBytes, n);
    }
  }
  for (let half = 1; half < n; half <<= 1) {
    const step = n / (half << 1); // twiddle index stride at this stage
    for (let start = 0; start < n; start += half << 1) {
      for (let j = 0; j < half; j++) {
        const t = tw + ((<usize>(j * step)) << 3);
        const wr = f32x4.splat(load<f32>(t));
        const wi = f32x4.splat(load<f32>(t, 4));
        const a = <usize>(start + j) * rowBytes;
        const b = a + <usize>half * rowBytes;
        butterflyRows(re + a, im + a, re + b, im + b, wr, wi, n);
      }
    }
  }
}

/** `r` with its low `bits` bits in reverse order. */
function bitReverse(r: i32, bits: i32): i32 {
  let q = 0;
  for (let b = 0; b < bits; b++) q |= ((r >> b) & 1) << (bits - 1 - b);
  return q;
}

/** a ← a + w·b, b ← a − w·b over one row pair, four columns per step. */
function butterflyRows(ar: usize, ai: usize, br: usize, bi: usize, wr: v128, wi: v128, n: i32): void {
  const nwi = f32x4.neg(wi);
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    const xr = v128.load(br + c);
    const xi = v128.load(bi + c);
    const tr = madd(wr, xr, f32x4.mul(nwi, xi));
    const ti = madd(wr, xi, f32x4.mul(wi, xr));
    const yr = v128.load(ar + c);
    const yi = v128.load(ai + c);
    v128.store(ar + c, f32x4.add(yr, tr));
    v128.store(ai + c, f32x4.add(yi, ti));
    v128.store(br + c, f32x4.sub(yr, tr));
    v128.store(bi + c, f32x4.sub(yi, ti));
  }
}

function swapRows(p: usize, q: usize, n: i32): void {
  for (let c: usize = 0; c < (<usize>n) << 2; c += 16) {
    const t = v128.load(p + c);
    v128.store(p + c, v128.load(q + c));
    v128.store(q + c, t);
  }
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
 * The kernel's spectrum for `fftCorr`: `k: [kh, kw]` zero-padded to n×n, `fft2d`, times `scale` (1/n², the inverse
 * DFT's factor), into (`kRe`, `kIm`).
 */
export function spectrum(k: usize, kh: i32, kw: i32, kRe: usize, kIm: usize, n: i32, tw: usize): void {
  memory.fill(kRe, 0, (<usize>(n * n)) << 2);
  memory.fill(kIm, 0, (<usize>(n * n)) << 2);
  for (let a = 0; a < kh; a++)
    memory.copy(kRe + ((<usize>(a * n)) << 2), k + ((<usize>(a * kw)) << 2), (<usize>kw) << 2);
  fft2d(kRe, kIm, n, tw);
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
    fft2d(re, im, n, tw);
    conjTimes(re, im, kRe, kIm, n * n);
    fft2d(re, im, n, tw);
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
