// Display rules of the edge panel that are worth testing on their own: the gray range of X, the legend's text, and
// which kernel-cell texts count as numbers. Pure: no DOM, tested in Node.
import { fmt } from '../shared/dom';

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
  bias?: number;
}): string | undefined {
  const dropped = [
    input.padding !== undefined && input.padding !== 'valid' && input.padding !== 0 ? `padding ${input.padding}` : '',
    input.stride !== undefined && input.stride !== 1 ? `stride ${input.stride}` : '',
    input.dilation !== undefined && input.dilation !== 1 ? `dilation ${input.dilation}` : '',
    input.bias !== undefined && input.bias !== 0 ? `bias ${fmt(input.bias)}` : '',
  ].filter((d) => d !== '');
  if (dropped.length === 0) return undefined;
  return `${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not applied here: Detect Edges computes the 'valid' cross-correlation, stride 1, no bias (the Step panel takes them all).`;
}

/** A plain decimal number: optional sign (also U+2212), digits with an optional point, optional exponent. */
const DECIMAL = /^[+\-\u2212]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** True for a decimal number text ("0.25", "−1", "1e-3"); false for "0x10", "Infinity", "", words. */
export function isDecimal(text: string): boolean {
  const t = text.trim();
  return DECIMAL.test(t) && Number.isFinite(Number(t.replace('\u2212', '-')));
}
