// Max-|value| pooling of a large feature map onto a small canvas (the Detect Edges gallery shows a 1 MP map on a
// 220-px canvas; a one-pixel edge must survive). Two passes per band of source rows: a vertical pass keeps, for every
// source column, the largest magnitude of the band and the first row it occurs in, four columns per f32x4; then a
// scalar pass per output block picks its winning column. Same winner as the plain loop in
// webview-ui/shared/image/pixels.ts (row-major scan, strict >): the larger magnitude, then the earlier row, then the
// earlier column; NaN never wins (every comparison with NaN is false), so a block of NaN keeps its first pixel.

/**
 * `src: [h, w]` at `srcPtr` → `data: [oh, ow]` at `dataPtr` (the value shown) and `at: [oh, ow]` at `atPtr` (its
 * source index, i32). `edgePtr` holds `ow + 1` i32 column edges (block x spans columns [edge[x], edge[x + 1])) and
 * `rowsPtr` `oh + 1` row edges, both computed by the caller; `colMax`/`colAt` are scratch of `w` f32 and `w` i32.
 */
export function poolMaxAbs(
  srcPtr: usize,
  w: i32,
  ow: i32,
  oh: i32,
  edgePtr: usize,
  rowsPtr: usize,
  colMax: usize,
  colAt: usize,
  dataPtr: usize,
  atPtr: usize,
): void {
  for (let y = 0; y < oh; y++) {
    const r0 = load<i32>(rowsPtr + ((<usize>y) << 2));
    const r1 = load<i32>(rowsPtr + ((<usize>(y + 1)) << 2));
    columnWinners(srcPtr, w, r0, r1, colMax, colAt);
    for (let x = 0; x < ow; x++) {
      const c0 = load<i32>(edgePtr + ((<usize>x) << 2));
      const c1 = load<i32>(edgePtr + ((<usize>(x + 1)) << 2));
      let best: f32 = -1;
      let found = r0 * w + c0; // kept when every value is NaN
      for (let c = c0; c < c1; c++) {
        const m = load<f32>(colMax + ((<usize>c) << 2));
        const p = load<i32>(colAt + ((<usize>c) << 2));
        // Equal magnitudes: the earlier row wins (p < found compares rows first, as p = row·w + c).
        if (m > best || (m == best && p < found)) {
          best = m;
          found = p;
        }
      }
      const o = (<usize>(y * ow + x)) << 2;
      store<i32>(atPtr + o, found);
      store<f32>(dataPtr + o, load<f32>(srcPtr + ((<usize>found) << 2)));
    }
  }
}

/**
 * For each column c: colMax[c] = max over rows [r0, r1) of |src[r][c]| (−1 if all NaN), colAt[c] = its first index.
 * Row by row along the whole width (long, predictable loops; colMax and colAt stay in L1).
 */
function columnWinners(srcPtr: usize, w: i32, r0: i32, r1: i32, colMax: usize, colAt: usize): void {
  const w4 = w & ~3;
  const lanes = i32x4(0, 1, 2, 3);
  const none = f32x4.splat(-1);
  for (let c = 0; c < w4; c += 4) {
    const o = (<usize>c) << 2;
    v128.store(colMax + o, none);
    v128.store(colAt + o, i32x4.add(i32x4.splat(r0 * w + c), lanes));
  }
  for (let c = w4; c < w; c++) {
    store<f32>(colMax + ((<usize>c) << 2), -1);
    store<i32>(colAt + ((<usize>c) << 2), r0 * w + c);
  }
  for (let r = r0; r < r1; r++) {
    const row = srcPtr + ((<usize>(r * w)) << 2);
    let idx = i32x4.add(i32x4.splat(r * w), lanes);
    const four = i32x4.splat(4);
    for (let c = 0; c < w4; c += 4) {
      const o = (<usize>c) << 2;
      const v = f32x4.abs(v128.load(row + o));
      const m = v128.load(colMax + o);
      const gt = f32x4.gt(v, m);
      v128.store(colMax + o, v128.bitselect(v, m, gt));
      v128.store(colAt + o, v128.bitselect(idx, v128.load(colAt + o), gt));
      idx = i32x4.add(idx, four);
    }
    for (let c = w4; c < w; c++) {
      const v = Mathf.abs(load<f32>(row + ((<usize>c) << 2)));
      if (v > load<f32>(colMax + ((<usize>c) << 2))) {
        store<f32>(colMax + ((<usize>c) << 2), v);
        store<i32>(colAt + ((<usize>c) << 2), r * w + c);
      }
    }
  }
}

/**
 * Min and max of `n` floats at `srcPtr`, written as two f32 at `outPtr`. NaN anywhere makes both NaN (f32x4.min/max
 * and f32.min/max propagate NaN), ±∞ show as themselves, so one finiteness check after the scan finds bad values.
 */
export function minMax(srcPtr: usize, n: i32, outPtr: usize): void {
  let lo0 = f32x4.splat(Infinity),
    hi0 = f32x4.splat(-Infinity);
  let lo1 = lo0,
    hi1 = hi0;
  const end = srcPtr + ((<usize>n) << 2);
  let p = srcPtr;
  for (; p + 32 <= end; p += 32) {
    const a = v128.load(p, 0);
    const b = v128.load(p, 16);
    lo0 = f32x4.min(lo0, a);
    hi0 = f32x4.max(hi0, a);
    lo1 = f32x4.min(lo1, b);
    hi1 = f32x4.max(hi1, b);
  }
  const lo = f32x4.min(lo0, lo1);
  const hi = f32x4.max(hi0, hi1);
  let mn = Mathf.min(
    Mathf.min(f32x4.extract_lane(lo, 0), f32x4.extract_lane(lo, 1)),
    Mathf.min(f32x4.extract_lane(lo, 2), f32x4.extract_lane(lo, 3)),
  );
  let mx = Mathf.max(
    Mathf.max(f32x4.extract_lane(hi, 0), f32x4.extract_lane(hi, 1)),
    Mathf.max(f32x4.extract_lane(hi, 2), f32x4.extract_lane(hi, 3)),
  );
  for (; p < end; p += 4) {
    const v = load<f32>(p);
    mn = Mathf.min(mn, v);
    mx = Mathf.max(mx, v);
  }
  store<f32>(outPtr, mn);
  store<f32>(outPtr, mx, 4);
}
