// The transposed convolution stepped the way it is defined (d2l §14.10.1 `trans_conv`): input cells in reading order,
// each scattering x·K into the output, the output holding running sums. What a view animates — the output after n
// steps, how many contributions each cell has received, every contribution an output cell gets — and whether the
// overlap is even (Odena, Dumoulin & Olah, "Deconvolution and Checkerboard Artifacts", Distill 2016).

import type { Matrix } from './matrix';
import {
  scatterTargets,
  transposedMultiGeometry,
  type TransposedMultiGeometry,
  type TransposedMultiOptions,
} from './transposed';
import type { Filters, Volume } from './volume';

/** Input cell `(i, j)` of step `index` (reading order, row by row, as `trans_conv` loops). */
export function scatterCellAt(index: number, inW: number): [number, number] {
  return [Math.floor(index / inW), index % inW];
}

/** The input channels that output channel `out` reads (its group's) and its kernel column `q` in K[c][q]. */
export function transposedSources(m: TransposedMultiGeometry, out: number): { channels: number[]; q: number } {
  if (!Number.isInteger(out) || out < 0 || out >= m.cOut) {
    throw new Error(`transposed: output channel ${out} is outside 0…${m.cOut - 1}`);
  }
  const group = Math.floor(out / m.cOutPerGroup);
  const channels = Array.from({ length: m.cInPerGroup }, (_, k) => group * m.cInPerGroup + k);
  return { channels, q: out % m.cOutPerGroup };
}

/** Output channel `out` after the first `steps` input positions, and the contributions each cell received. */
export interface PartialOutput {
  /** `[outH, outW]` running sums (no bias). */
  Y: Matrix;
  /** `[outH, outW]` how many input positions have written into each cell so far. */
  counts: Matrix;
}

/**
 * The running sums of output channel `out` of the transposed convolution of `X: [c_in, h, w]` with
 * `K: [c_in, c_out/groups, kh, kw]` (PyTorch's ConvTranspose2d weight) after the first `steps` input positions in
 * reading order (clamped to 0…h·w); at each position every input channel of the group scatters X[c][i][j]·K[c][q].
 * After h·w steps `Y` is `convTranspose2dMultiReference` without the bias. Throws like `transposedMultiGeometry`
 * ("partialTransposed: …") and for an output channel outside the layer.
 */
export function partialTransposed(
  X: Volume,
  K: Filters,
  opts: TransposedMultiOptions,
  out: number,
  steps: number,
): PartialOutput {
  const m = transposedMultiGeometry('partialTransposed', X, K, opts);
  const g = m.geom;
  const { channels, q } = transposedSources(m, out);
  const Y = zeros(g.outH, g.outW);
  const counts = zeros(g.outH, g.outW);
  const n = Math.min(Math.max(0, Math.floor(steps)), g.inH * g.inW);
  for (let s = 0; s < n; s++) {
    const [i, j] = scatterCellAt(s, g.inW);
    for (const [r, c, a, b] of scatterTargets(g, i, j)) {
      counts[r][c]++;
      for (const ch of channels) Y[r][c] += X[ch][i][j] * K[ch][q][a][b];
    }
  }
  return { Y, counts };
}

/** One product an output cell receives: from input channel `channel`, cell (i, j), kernel tap (kr, kc). */
export interface Received {
  channel: number;
  i: number;
  j: number;
  kr: number;
  kc: number;
  x: number;
  k: number;
  value: number;
}

/**
 * Every product output cell `(r, c)` of channel `out` receives, in the order the scatter adds them (input positions in
 * reading order, then input channels): input cell (i, j) reaches it through tap (a, b) when
 * `r = i·sh + a·dh − padTop` and `c = j·sw + b·dw − padLeft`. Their sum is the output value without the bias. d2l
 * X = K = [[0,1],[2,3]], cell (1, 1): 0×3 + 1×2 + 2×1 + 3×0 = 4. Throws for a cell outside the output.
 */
export function receivedBy(
  m: TransposedMultiGeometry,
  X: Volume,
  K: Filters,
  out: number,
  r: number,
  c: number,
): Received[] {
  const g = m.geom;
  if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || c < 0 || r >= g.outH || c >= g.outW) {
    throw new Error(`transposed: output cell (${r}, ${c}) is outside the ${g.outH}×${g.outW} output`);
  }
  const { channels, q } = transposedSources(m, out);
  const taps: Array<[number, number, number, number]> = [];
  for (let a = 0; a < g.kH; a++) {
    const i = axisSource(r + g.padTop - a * g.dilationH, g.strideH, g.inH);
    if (i === undefined) continue;
    for (let b = 0; b < g.kW; b++) {
      const j = axisSource(c + g.padLeft - b * g.dilationW, g.strideW, g.inW);
      if (j !== undefined) taps.push([i, j, a, b]);
    }
  }
  taps.sort((u, v) => u[0] - v[0] || u[1] - v[1]);
  const received: Received[] = [];
  for (const [i, j, kr, kc] of taps) {
    for (const channel of channels) {
      const x = X[channel][i][j];
      const k = K[channel][q][kr][kc];
      received.push({ channel, i, j, kr, kc, x, k, value: x * k });
    }
  }
  return received;
}

/** The input index `t / s` when `t` is a multiple of the stride inside `[0, n)`, else undefined. */
function axisSource(t: number, s: number, n: number): number | undefined {
  if (t < 0 || t % s !== 0) return undefined;
  const i = t / s;
  return i < n ? i : undefined;
}

/**
 * How many taps of the kernel land on each position of one axis of the FULL (uncropped) result, `(n − 1)·s + d·(k − 1)
 * + 1` long: position t gets one per (i, a) with t = i·s + a·d. The 2-D overlap count is the product of the two axes'.
 */
export function axisOverlap(n: number, k: number, s: number, d: number): number[] {
  const counts = new Array<number>((n - 1) * s + d * (k - 1) + 1).fill(0);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) counts[i * s + a * d]++;
  return counts;
}

/** The overlap of one axis away from the borders: the fewest and most taps an interior position gets. */
export interface AxisEvenness {
  min: number;
  max: number;
}

/**
 * Whether the overlap of an axis is even away from its borders (Odena et al. 2016: "deconvolution has uneven overlap
 * when the kernel size is not divisible by the stride"): the counts of `axisOverlap` at positions `d·(k − 1) … (n − 1)·s`,
 * which every tap can reach. Kernel 3, stride 2 → {min 1, max 2}; kernel 4, stride 2 → {min 2, max 2}. Undefined when
 * the input is too small to have such positions.
 */
export function axisEvenness(n: number, k: number, s: number, d: number): AxisEvenness | undefined {
  const counts = axisOverlap(n, k, s, d);
  const inner = counts.slice(d * (k - 1), (n - 1) * s + 1);
  if (inner.length === 0) return undefined;
  return { min: Math.min(...inner), max: Math.max(...inner) };
}

function zeros(h: number, w: number): Matrix {
  return Array.from({ length: h }, () => new Array<number>(w).fill(0));
}
