// Multi-input, multi-output-channel cross-correlation in float64 plain loops (d2l §7.4): each output channel sums
// the 2-D cross-correlations of its group's input channels with its own kernels, plus its bias. Groups follow
// torch.nn.Conv2d: input and output channels split into `groups` equal blocks, block g of the output sees only block g
// of the input; groups = c_in = c_out is the depthwise convolution. Geometry comes from `convGeometry`.

import { convGeometry, windowCells, type ConvOptions, type Geometry } from './geometry';
import { formatArithmetic, formatNumber, type Term } from './reference';
import type { Matrix } from './matrix';
import {
  filtersShape,
  flipFilters,
  validateFilters,
  validateVolume,
  volumeShape,
  type Filters,
  type Volume,
} from './volume';

/** Options of a multi-channel layer: the 2-D options plus `groups` (default 1). */
export interface MultiOptions extends ConvOptions {
  groups?: number;
}

/** Options with an optional bias, one value per output channel. */
export interface MultiBiasOptions extends MultiOptions {
  bias?: number[];
}

/** The geometry of a multi-channel layer: the spatial `Geometry` and the channel bookkeeping. */
export interface MultiGeometry {
  geom: Geometry;
  cIn: number;
  cOut: number;
  groups: number;
  cInPerGroup: number;
  cOutPerGroup: number;
}

/**
 * Validates `X: [c_in, h, w]` and `K: [c_out, c_in/groups, kh, kw]` (PyTorch weight layout) and computes their
 * geometry. Output channel o belongs to group `⌊o / (c_out/groups)⌋` and reads input channels
 * `g·c_in/groups … (g+1)·c_in/groups − 1` (torch.nn.Conv2d, "groups"). Throws (message starts with `op`):
 * "groups 0 is not a positive integer", "groups 3 does not divide c_in 4", "groups 2 does not divide c_out 3",
 * "K has 3 input channels per group, X has 2 channels (groups 1)", plus `validateVolume`/`validateFilters` and
 * `convGeometry` errors (a kernel larger than the padded input).
 */
export function multiGeometry(op: string, X: unknown, K: unknown, opts: MultiOptions = {}): MultiGeometry {
  const [cIn, inH, inW] = volumeShape(validateVolume(op, 'X', X));
  const [cOut, cInPerGroup, kH, kW] = filtersShape(validateFilters(op, 'K', K));
  const groups = opts.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups ${groups} is not a positive integer`);
  if (cIn % groups !== 0) throw new Error(`${op}: groups ${groups} does not divide c_in ${cIn}`);
  if (cOut % groups !== 0) throw new Error(`${op}: groups ${groups} does not divide c_out ${cOut}`);
  if (cInPerGroup * groups !== cIn) throw new ChannelMismatchError(op, { cInPerGroup, cIn, groups });
  const { stride, dilation, padding } = opts;
  const geom = convGeometry({ inH, inW, kH, kW, stride, dilation, padding }, op);
  return { geom, cIn, cOut, groups, cInPerGroup, cOutPerGroup: cOut / groups };
}

/** The counts that disagree when K's input channels per group times groups is not X's channel count. */
export interface ChannelCounts {
  cInPerGroup: number;
  cIn: number;
  groups: number;
}

/**
 * Thrown when K's input channels do not match X's: "corr2dMulti: K has 3 input channels per group, X has 2 channels
 * (groups 1)". Carries the counts so a view can say what to change in its own terms.
 */
export class ChannelMismatchError extends Error {
  constructor(
    op: string,
    readonly counts: ChannelCounts,
  ) {
    const { cInPerGroup, cIn, groups } = counts;
    const per = groups === 1 ? '' : ` → ${cIn / groups} per group`;
    super(`${op}: K has ${cInPerGroup} input channels per group, X has ${cIn} channels (groups ${groups}${per})`);
  }
}

/** The first input channel that output channel `o` reads (its group's first channel). */
export function groupInputStart(m: MultiGeometry, o: number): number {
  return Math.floor(o / m.cOutPerGroup) * m.cInPerGroup;
}

/**
 * Multi-channel cross-correlation in float64 (d2l §7.4.1–7.4.2 `corr2d_multi_in_out`, with torch.nn.Conv2d's groups):
 * `Y[o][i][j] = b[o] + Σ_c corr2d(X[g·cpg + c], K[o][c])[i][j]`, g the group of o, cpg = c_in/groups.
 * `X: [c_in, h, w]`, `K: [c_out, c_in/groups, kh, kw]` (PyTorch weight layout), `bias: [c_out]` → `[c_out, outH, outW]`
 * with padding, stride and dilation as `corr2dReference`. Throws like `multiGeometry`, and
 * "corr2dMulti: bias has 2 values, K has 3 output channels" / "corr2dMulti: bias[1] is NaN".
 */
export function corr2dMultiReference(X: Volume, K: Filters, opts: MultiBiasOptions = {}): Volume {
  return correlateMulti('corr2dMulti', X, K, opts);
}

/**
 * Multi-channel true convolution: every kernel flipped top-bottom and left-right, then `corr2dMultiReference`
 * (d2l §7.2.1 note). Shapes, options and errors as `corr2dMultiReference` (messages start with "convolve2dMulti:").
 */
export function convolve2dMultiReference(X: Volume, K: Filters, opts: MultiBiasOptions = {}): Volume {
  validateFilters('convolve2dMulti', 'K', K);
  return correlateMulti('convolve2dMulti', X, flipFilters(K), opts);
}

function correlateMulti(op: string, X: Volume, K: Filters, opts: MultiBiasOptions): Volume {
  const m = multiGeometry(op, X, K, opts);
  const bias = validateBias(op, opts.bias, m.cOut);
  return K.map((kernels, o) => {
    const first = groupInputStart(m, o);
    const Y = channelSum(m.geom, kernels, (c) => X[first + c]);
    return Y.map((row) => row.map((v) => v + bias[o]));
  });
}

/** `Σ_c corr2d(input(c), kernels[c])` over the kernels of one output channel, float64. */
function channelSum(g: Geometry, kernels: Matrix[], input: (c: number) => Matrix): Matrix {
  const Y = Array.from({ length: g.outH }, () => new Array<number>(g.outW).fill(0));
  kernels.forEach((Kc, c) => {
    const Xc = input(c);
    for (let i = 0; i < g.outH; i++) {
      for (let j = 0; j < g.outW; j++) {
        for (const [r, col, a, b] of windowCells(g, i, j)) Y[i][j] += Xc[r][col] * Kc[a][b];
      }
    }
  });
  return Y;
}

/**
 * A bias of `cOut` finite numbers (`undefined` → zeros). Throws "op: bias has 2 values, K has 3 output channels" or
 * "op: bias[1] is NaN".
 */
export function validateBias(op: string, bias: unknown, cOut: number): number[] {
  if (bias === undefined) return new Array<number>(cOut).fill(0);
  if (!Array.isArray(bias)) throw new Error(`${op}: bias is not an array of numbers, got ${typeof bias}`);
  if (bias.length !== cOut) throw new Error(`${op}: bias has ${bias.length} values, K has ${cOut} output channels`);
  (bias as unknown[]).forEach((v, o) => {
    if (typeof v !== 'number') throw new Error(`${op}: bias[${o}] is not a number, got ${typeof v}`);
    if (!Number.isFinite(v)) throw new Error(`${op}: bias[${o}] is ${v}`);
  });
  return bias as number[];
}

/** One input channel's share of an output cell: its products and their sum. `channel` indexes X (not the group). */
export interface ChannelTerms {
  channel: number;
  terms: Term[];
  sum: number;
}

/** The arithmetic of one output cell of a multi-channel layer, for the Step panel. */
export interface MultiTerms {
  /** Output channel. */
  o: number;
  channels: ChannelTerms[];
  /** Σ of the channel sums, before the bias. */
  total: number;
  /** The output channel's bias, when one was given. */
  bias?: number;
  /** total + bias: the value of `corr2dMultiReference(X, K, opts)[o][i][j]`. */
  value: number;
}

/**
 * The products behind output cell `(i, j)` of output channel `o`, per input channel of o's group (padding cells left
 * out, kernel row-major as `corr2dTerms`). d2l §7.4 example, o = 0, cell (0, 0): channel 0 sums to 19, channel 1 to 37,
 * total 56. Throws like `corr2dMultiReference`, and when `o` or `(i, j)` is outside the output.
 */
export function corr2dMultiTerms(
  X: Volume,
  K: Filters,
  o: number,
  i: number,
  j: number,
  opts: MultiBiasOptions = {},
): MultiTerms {
  const op = 'corr2dMulti';
  const m = multiGeometry(op, X, K, opts);
  if (!Number.isInteger(o) || o < 0 || o >= m.cOut) {
    throw new Error(`${op}: output channel ${o} is outside 0…${m.cOut - 1}`);
  }
  const cells = windowCells(m.geom, i, j);
  const first = groupInputStart(m, o);
  const channels = K[o].map((Kc, c): ChannelTerms => {
    const Xc = X[first + c];
    const terms = cells.map(([r, col, kr, kc]) => ({ x: Xc[r][col], k: Kc[kr][kc], r, c: col, kr, kc }));
    return { channel: first + c, terms, sum: terms.reduce((s, t) => s + t.x * t.k, 0) };
  });
  const total = channels.reduce((s, ch) => s + ch.sum, 0);
  if (opts.bias === undefined) return { o, channels, total, value: total };
  const bias = validateBias(op, opts.bias, m.cOut)[o];
  return { o, channels, total, bias, value: total + bias };
}

/**
 * The channel sum of one output cell as text: "channel 0: 19 + channel 1: 37 = 56"; with a bias
 * "channel 0: 19 + channel 1: 37 + b₀ = 56 + 1 = 57" (the bias named by its output channel, subscript digits).
 * Numbers as `formatNumber` (6 significant digits). Each channel's own products: `formatChannelArithmetic`.
 */
export function formatChannelSum(t: MultiTerms): string {
  const parts = t.channels.map((ch) => `channel ${ch.channel}: ${formatNumber(ch.sum, true)}`);
  const total = formatNumber(t.total);
  if (t.bias === undefined) return `${parts.join(' + ')} = ${total}`;
  const b = `b${subscript(t.o)}`;
  return `${parts.join(' + ')} + ${b} = ${total} + ${formatNumber(t.bias, true)} = ${formatNumber(t.value)}`;
}

/** One line per input channel: "channel 1: 1×1 + 2×2 + 4×3 + 5×4 = 37" (products as `formatArithmetic`). */
export function formatChannelArithmetic(t: MultiTerms): string[] {
  return t.channels.map((ch) => `channel ${ch.channel}: ${formatArithmetic(ch.terms)}`);
}

/** 12 → "₁₂": the index of a bias or channel written as subscript digits. */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
}
