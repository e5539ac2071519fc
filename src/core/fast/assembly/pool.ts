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

/** For each column c: colMax[c] = max over rows [r0, r1) of |src[r][c]| (−1 if all NaN), colAt[c] = its first index. */
function columnWinners(srcPtr: usize, w: i32, r0: i32, r1: i32, colMax: usize, colAt: usize): void {
  const stride = (<usize>w) << 2;
  let c = 0;
  for (; c + 4 <= w; c += 4) {
    let m = f32x4.splat(-1);
    let at = i32x4.add(i32x4.splat(r0 * w + c), i32x4(0, 1, 2, 3));
    let idx = at;
    let p = srcPtr + ((<usize>(r0 * w + c)) << 2);
    const step = i32x4.splat(w);
    for (let r = r0; r < r1; r++) {
      const v = f32x4.abs(v128.load(p));
      const gt = f32x4.gt(v, m);
      m = v128.bitselect(v, m, gt);
      at = v128.bitselect(idx, at, gt);
      idx = i32x4.add(idx, step);
      p += stride;
    }
    v128.store(colMax + ((<usize>c) << 2), m);
    v128.store(colAt + ((<usize>c) << 2), at);
  }
  for (; c < w; c++) {
    let m: f32 = -1;
    let at = r0 * w + c;
    for (let r = r0; r < r1; r++) {
      const v = Mathf.abs(load<f32>(srcPtr + ((<usize>(r * w + c)) << 2)));
      if (v > m) {
        m = v;
        at = r * w + c;
      }
    }
    store<f32>(colMax + ((<usize>c) << 2), m);
    store<i32>(colAt + ((<usize>c) << 2), at);
  }
}
