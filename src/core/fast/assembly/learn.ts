// The learning step's own loops (./multi.ts's forward and ./grad.ts's taps do the rest): the residual of a forward
// pass against its target, and the 3×3 kernel gradient with all nine taps accumulated in one pass over the residual.
import { hsum, madd, zero } from './simd';

/**
 * y ← y − t over `n` floats (the residual r = Ŷ − T, in place); stores Σ r² and Σ r as two float64 at `out` (the
 * loss and the bias gradient's sum; float64 so a megapixel of float32 squares adds up without losing digits).
 */
export function residual(y: usize, t: usize, n: i32, out: usize): void {
  let s0 = f64x2.splat(0),
    s1 = f64x2.splat(0),
    q0 = f64x2.splat(0),
    q1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const d = f32x4.sub(v128.load(y + o), v128.load(t + o));
    v128.store(y + o, d);
    const lo = f64x2.promote_low_f32x4(d);
    const hi = f64x2.promote_low_f32x4(v128.shuffle<i32>(d, d, 2, 3, 0, 1));
    s0 = f64x2.add(s0, lo);
    s1 = f64x2.add(s1, hi);
    q0 = f64x2.add(q0, f64x2.mul(lo, lo));
    q1 = f64x2.add(q1, f64x2.mul(hi, hi));
  }
  let sum =
    f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1) + f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  let sq =
    f64x2.extract_lane(q0, 0) + f64x2.extract_lane(q0, 1) + f64x2.extract_lane(q1, 0) + f64x2.extract_lane(q1, 1);
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const d = load<f32>(y + o) - load<f32>(t + o);
    store<f32>(y + o, d);
    sum += <f64>d;
    sq += <f64>d * <f64>d;
  }
  store<f64>(out, sq);
  store<f64>(out, sum, 8);
}

/**
 * g[a][b] = Σᵢⱼ x[i + a][j + b]·r[i][j] for a 3×3 kernel (`x: [oh + 2, w]`, rows `w` floats apart; `r: [oh, ow]`
 * dense, ow = w − 2): one pass over r, nine accumulators, each r vector loaded once for all nine taps.
 */
export function grad3(x: usize, w: i32, r: usize, oh: i32, ow: i32, g: usize): void {
  let g00 = zero(),
    g01 = zero(),
    g02 = zero(),
    g10 = zero(),
    g11 = zero(),
    g12 = zero();
  let g20 = zero(),
    g21 = zero(),
    g22 = zero();
  // Columns past the last whole vector (ow not a multiple of 4): scalar sums, no allocation (the stub runtime's
  // allocator would hand out memory the caller lays out itself).
  let t0: f32 = 0,
    t1: f32 = 0,
    t2: f32 = 0,
    t3: f32 = 0,
    t4: f32 = 0,
    t5: f32 = 0,
    t6: f32 = 0,
    t7: f32 = 0;
  let t8: f32 = 0;
  const row = (<usize>w) << 2;
  for (let i = 0; i < oh; i++) {
    const x0 = x + <usize>i * row;
    const x1 = x0 + row;
    const x2 = x1 + row;
    const rr = r + ((<usize>(i * ow)) << 2);
    let j = 0;
    for (; j + 4 <= ow; j += 4) {
      const o = (<usize>j) << 2;
      const rv = v128.load(rr + o);
      g00 = madd(v128.load(x0 + o, 0), rv, g00);
      g01 = madd(v128.load(x0 + o, 4), rv, g01);
      g02 = madd(v128.load(x0 + o, 8), rv, g02);
      g10 = madd(v128.load(x1 + o, 0), rv, g10);
      g11 = madd(v128.load(x1 + o, 4), rv, g11);
      g12 = madd(v128.load(x1 + o, 8), rv, g12);
      g20 = madd(v128.load(x2 + o, 0), rv, g20);
      g21 = madd(v128.load(x2 + o, 4), rv, g21);
      g22 = madd(v128.load(x2 + o, 8), rv, g22);
    }
    for (; j < ow; j++) {
      const o = (<usize>j) << 2;
      const rv = load<f32>(rr + o);
      t0 += load<f32>(x0 + o, 0) * rv;
      t1 += load<f32>(x0 + o, 4) * rv;
      t2 += load<f32>(x0 + o, 8) * rv;
      t3 += load<f32>(x1 + o, 0) * rv;
      t4 += load<f32>(x1 + o, 4) * rv;
      t5 += load<f32>(x1 + o, 8) * rv;
      t6 += load<f32>(x2 + o, 0) * rv;
      t7 += load<f32>(x2 + o, 4) * rv;
      t8 += load<f32>(x2 + o, 8) * rv;
    }
  }
  store<f32>(g, hsum(g00) + t0, 0);
  store<f32>(g, hsum(g01) + t1, 4);
  store<f32>(g, hsum(g02) + t2, 8);
  store<f32>(g, hsum(g10) + t3, 12);
  store<f32>(g, hsum(g11) + t4, 16);
  store<f32>(g, hsum(g12) + t5, 20);
  store<f32>(g, hsum(g20) + t6, 24);
  store<f32>(g, hsum(g21) + t7, 28);
  store<f32>(g, hsum(g22) + t8, 32);
}
