// The one colour scale of every heat map (hover PNGs, sidebar, panels). Convolution responses have a sign, so a
// matrix with negatives gets a diverging scale centred on 0 over [−m, m], m = max |value| (never clamped, never
// wrapped); one without negatives gets a sequential scale over [min, max]. Colours: d3-scale-chromatic's RdBu
// (read reversed: positive red, negative blue, 0 white) and viridis.
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

/** Which scale, and the value domain a legend shows. */
export interface HeatDomain {
  kind: 'diverging' | 'sequential';
  lo: number;
  hi: number;
  /** The smallest and largest finite value (0 and 0 when there is none). */
  min: number;
  max: number;
}

/** Entries of a colour lookup table. */
export const LUT_SIZE = 256;
const luts = new Map<HeatDomain['kind'], Uint8Array>();

/** The domain for `n` values of `data` from `offset` (non-finite values ignored; empty or constant still valid). */
export function heatDomain(data: ArrayLike<number>, offset = 0, n = data.length - offset): HeatDomain {
  let min = Infinity;
  let max = -Infinity;
  for (let k = offset; k < offset + n; k++) {
    const v = data[k];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) min = max = 0;
  if (min < 0) {
    const m = Math.max(-min, max);
    return { kind: 'diverging', lo: -m, hi: m, min, max };
  }
  return { kind: 'sequential', lo: min, hi: max, min, max };
}

/** The part of a domain that places values on the scale. */
export type ScaleRange = Pick<HeatDomain, 'kind' | 'lo' | 'hi'>;

/** Value → position in [0, 1] of the domain (0.5 for a constant matrix). */
export function unitOf(d: ScaleRange): (v: number) => number {
  const span = d.hi - d.lo;
  return span > 0 ? (v) => (v - d.lo) / span : () => 0.5;
}

/** CSS colour of position `t ∈ [0, 1]` on the scale `kind`. */
export function colourAt(kind: HeatDomain['kind'], t: number): string {
  return kind === 'diverging' ? interpolateRdBu(1 - t) : interpolateViridis(t);
}

/** RGB lookup table (LUT_SIZE × 3 bytes) of scale `kind`, built once: per-pixel colour parsing is too slow. */
export function colourLut(kind: HeatDomain['kind']): Uint8Array {
  let lut = luts.get(kind);
  if (!lut) {
    lut = new Uint8Array(LUT_SIZE * 3);
    for (let k = 0; k < LUT_SIZE; k++) lut.set(parseColour(colourAt(kind, k / (LUT_SIZE - 1))), k * 3);
    luts.set(kind, lut);
  }
  return lut;
}

/** d3's colour strings, "rgb(r, g, b)" or "#rrggbb" → [r, g, b]. Throws for any other form. */
export function parseColour(css: string): [number, number, number] {
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  throw new Error(`colour scale: unexpected colour "${css}" from d3-scale-chromatic`);
}

/**
 * Black or white text for a background colour (a `parseColour` string), whichever contrasts more by WCAG 2's
 * relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
 */
export function contrastText(background: string): string {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseColour(background);
  const L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return (L + 0.05) / 0.05 > 1.05 / (L + 0.05) ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)';
}
