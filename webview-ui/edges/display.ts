// Display rules of the edge panel that are worth testing on their own: the gray range of X, the legend's text, and
// which kernel-cell texts count as numbers. Pure: no DOM, tested in Node.
import { EDGES_MAX_SIDE } from '../../src/core/limits';
import { fmt, num } from '../shared/format';
import { GRAY_RULE } from '../shared/image/pixels';
import type { EdgeState } from './state';

/**
 * The range X's cells are shaded over: [0, 1] when every value is an intensity in [0, 1] (the book's image: 1 white,
 * 0 black), else X's own [min, max] — a matrix with values 2–8 from the editor would otherwise be all white or
 * uncoloured. Non-finite values are ignored; an empty or all-non-finite X gives [0, 1].
 */
export function grayRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (lo > hi || (lo >= 0 && hi <= 1)) return [0, 1];
  return [lo, hi];
}

/** The legend's text for the symmetric scale [−m, m]: "all zeros" when m = 0 (a bar from 0 to 0 says nothing). */
export function legendText(m: number): { lo: string; hi: string; note: string } | string {
  if (!(m > 0)) return 'Y is all zeros (white): this kernel finds nothing in this X';
  return { lo: fmt(-m), hi: fmt(m), note: '0 = white' };
}

/** Photos smaller than this on their longer side are enlarged (CSS pixels), so a 28×28 digit is not a speck. */
export const MIN_DISPLAY_SIDE = 256;

/**
 * Whole-number enlargement of a `w×h` image for display: the largest f ≥ 1 with f·max(w, h) ≤ MIN_DISPLAY_SIDE
 * (10×10 → 25, 28×28 → 9, 512×512 → 1). A whole number keeps every image pixel the same size on screen.
 */
export function displayScale(w: number, h: number): number {
  return Math.max(1, Math.floor(MIN_DISPLAY_SIDE / Math.max(w, h, 1)));
}

/**
 * What the sender passed that Detect Edges does not apply (it computes the 'valid' cross-correlation, stride 1,
 * no bias): e.g. "padding same, stride 2, bias 0.5 are not applied here …", or undefined when nothing is dropped.
 */
export function ignoredSettings(input: {
  padding?: 'valid' | 'same' | number;
  stride?: number;
  dilation?: number;
  bias?: number | number[];
  mode?: 'correlation' | 'convolution' | 'transposed';
  groups?: number;
  outputPadding?: number;
}): string | undefined {
  const dropped = [
    input.padding !== undefined && input.padding !== 'valid' && input.padding !== 0 ? `padding ${input.padding}` : '',
    input.stride !== undefined && input.stride !== 1 ? `stride ${input.stride}` : '',
    input.dilation !== undefined && input.dilation !== 1 ? `dilation ${input.dilation}` : '',
    input.mode === 'convolution' ? 'true convolution (a flipped kernel)' : '',
    input.mode === 'transposed' ? 'the transposed convolution' : '',
    input.outputPadding ? `output padding ${input.outputPadding}` : '',
    biasText(input.bias),
    input.groups !== undefined && input.groups !== 1 ? `groups ${input.groups}` : '',
  ].filter((d) => d !== '');
  if (dropped.length === 0) return undefined;
  return `${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not applied here: Detect Edges computes the 'valid' cross-correlation, stride 1, no bias (the Step panel takes them all).`;
}

function biasText(b: number | number[] | undefined): string {
  if (b === undefined) return '';
  const list = typeof b === 'number' ? [b] : b;
  return list.every((x) => x === 0) ? '' : `bias ${list.length === 1 ? fmt(list[0]) : `[${list.map(fmt).join(', ')}]`}`;
}

/** Largest CSS width of a photo or heat-map canvas (X and Y sit side by side with the kernel between them). */
export const MAX_CSS_WIDTH = 440;

/** How an image of `w×h` pixels is shown: CSS size, canvas (backing) size, and whether it was pooled or enlarged. */
export interface DisplaySize {
  cssW: number;
  cssH: number;
  /** Canvas pixels: the image's own when it fits (CSS enlarges it, pixelated), else the CSS size × `dpr`. */
  backW: number;
  backH: number;
  /** True when the canvas has fewer pixels than the image (the view resamples: averages for X, max |·| for Y). */
  shrunk: boolean;
  /** Whole-number enlargement of a small image (see displayScale), 1 otherwise. */
  enlarged: number;
}

/**
 * The display of a `w×h` image: small images enlarged by a whole number (displayScale), large ones fitted into
 * `maxCss` (MAX_CSS_WIDTH by default) CSS pixels with a canvas of exactly that many device pixels (`dpr` = devicePixelRatio), so the browser
 * never drops pixels when it scales: the view resamples large images itself.
 */
export function displaySize(w: number, h: number, dpr = 1, maxCss = MAX_CSS_WIDTH): DisplaySize {
  const f = displayScale(w, h);
  const cssW0 = w * f;
  if (cssW0 <= maxCss) return { cssW: cssW0, cssH: h * f, backW: w, backH: h, shrunk: false, enlarged: f };
  const cssW = maxCss;
  const cssH = Math.max(1, Math.round((h * maxCss) / w));
  const backW = Math.min(w, Math.round(cssW * dpr));
  const backH = Math.min(h, Math.max(1, Math.round(cssH * dpr)));
  return { cssW, cssH, backW, backH, shrunk: backW < w || backH < h, enlarged: 1 };
}

/** What the caption needs of the input (see model.ts `Input`). */
interface CaptionInput {
  plane: { w: number; h: number; data: ArrayLike<number> };
  matrix?: unknown;
  photo?: { name: string; origW: number; origH: number; format: string; transparent: number; caveat?: string };
}

/**
 * The caption under the toolbar: where X came from and at what size (rows × columns, the convention of every
 * title), how a photo was read (format, the gray rule, transparency), whether it was scaled down, how it is shown.
 */
export function captionOf(s: EdgeState, input: CaptionInput): string {
  const { w, h } = input.plane;
  const shown = displaySize(w, h);
  const kernel = s.kernelFrom ? ` K from ${s.kernelFrom}.` : '';
  const src = s.source;
  if (src.kind !== 'photo' || !input.photo) {
    const [lo, hi] = grayRange(input.plane.data);
    const shades =
      lo === 0 && hi === 1
        ? 'Values are intensities (1 = white, 0 = black)'
        : `X is shaded over its own range (${num(lo)} = black, ${num(hi)} = white)`;
    const label = src.kind === 'matrix' ? `X from ${src.from ?? 'the editor'} (${h}×${w})` : bookLabel(s.transposed);
    return `${label}. ${shades}; Y is the cross-correlation (d2l §7.2), 'valid': Y is (h − kh + 1)×(w − kw + 1).${kernel}`;
  }
  const p = input.photo;
  const size = s.transposed ? `${h}×${w} (transposed)` : `${h}×${w}`;
  const scaled =
    p.origW !== (s.transposed ? h : w) || p.origH !== (s.transposed ? w : h)
      ? ` Scaled down from ${p.origH}×${p.origW} to ${size} by area averaging: sides above ${EDGES_MAX_SIDE} px are not computed at full size.`
      : ' Computed at full resolution.';
  const display = shown.shrunk
    ? ` Shown ${shown.cssH}×${shown.cssW}: X averaged; each screen pixel of Y holds the value of largest magnitude under it, so thin edges stay visible.`
    : shown.enlarged > 1
      ? ` (shown ×${shown.enlarged}, each pixel a square)`
      : '';
  const alpha =
    p.transparent > 0 ? ` ${p.transparent} pixels are not opaque; ${p.caveat ?? 'their stored colour is used'}.` : '';
  const kept = s.kept ? ' (kept: the input named only the kernel)' : '';
  return (
    `${p.name}${kept}: ${size} px (rows × columns), ${p.format}.${scaled}${display} ` +
    `Grayscale: ${GRAY_RULE}.${alpha} Y = X ⋆ K, 'valid' cross-correlation.${kernel}`
  );
}

/** The book's image, as the caption names it. */
function bookLabel(transposed: boolean): string {
  return transposed
    ? "The book's 6×8 image transposed to 8×6 (d2l §7.2.3 “Object Edge Detection in Images”): white rows 0–1 and 6–7, a black stripe in rows 2–5"
    : "The book's 6×8 image (d2l §7.2.3 “Object Edge Detection in Images”): white columns 0–1 and 6–7, a black stripe in columns 2–5";
}
