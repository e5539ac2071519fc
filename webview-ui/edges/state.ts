// What the edge panel saves (VS Code keeps it across tab switches and reloads) and the text helpers of its probe.
// Pure: no DOM, tested in Node. Saved state is validated on restore like any message: it may come from an older build.
import * as v from 'valibot';
import { MatrixSchema } from '../../src/protocol/messages';
import { validateMatrix, type Matrix } from '../../src/core/matrix';

const Index = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The panel's saved state: the kernel and its preset, the transpose toggle, the image or matrix shown, the probe. */
export const EdgeStateSchema = v.object({
  K: MatrixSchema,
  preset: v.pipe(v.string(), v.maxLength(50)),
  transposed: v.boolean(),
  /** A photo: its asWebviewUri and file name. It is reloaded; if that fails the panel falls back to the textbook X. */
  image: v.optional(
    v.object({ uri: v.pipe(v.string(), v.maxLength(4096)), name: v.pipe(v.string(), v.maxLength(1000)) }),
  ),
  /** A matrix X from a hover link (absent: the d2l 6×8 image). */
  X: v.optional(MatrixSchema),
  source: v.optional(v.pipe(v.string(), v.maxLength(500))),
  inspect: v.tuple([Index, Index]),
});
/** The panel's saved state. */
export type EdgeState = v.InferOutput<typeof EdgeStateSchema>;

/** The saved state if it is valid (K and X non-empty rectangular matrices), else undefined. Never throws. */
export function restoreState(raw: unknown): EdgeState | undefined {
  const r = v.safeParse(EdgeStateSchema, raw);
  if (!r.success) return undefined;
  try {
    validateMatrix('edges', 'K', r.output.K);
    if (r.output.X) validateMatrix('edges', 'X', r.output.X);
  } catch {
    return undefined;
  }
  return r.output;
}

/** A number to 6 significant digits with a real minus sign (U+2212); integers as they are. */
export function num(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  const s = Number.isInteger(x) ? String(Math.abs(x)) : String(Number(Math.abs(x).toPrecision(6)));
  return x < 0 ? `−${s}` : s;
}

/** Parses a number written by `num` (or with an ASCII minus) — for tests reading the DOM. */
export function parseNum(text: string): number {
  return Number(text.trim().replace(/\u2212/g, '-'));
}

/**
 * The probe line for output pixel `(i, j)` of a 'valid' cross-correlation with a `kh×kw` kernel: its value and the
 * input window it reads, rows i..i+kh−1 and columns j..j+kw−1 (zero-based, inclusive), e.g.
 * "Y[2, 1] = 1 · window X[2..2, 1..2]".
 */
export function probeText(i: number, j: number, value: number, kh: number, kw: number): string {
  return `Y[${i}, ${j}] = ${num(value)} · window X[${i}..${i + kh - 1}, ${j}..${j + kw - 1}]`;
}

/**
 * Which pixel of a `w×h` canvas is under a pointer at (x, y) CSS pixels from the canvas's content box, when the canvas
 * is displayed `cssW×cssH` CSS pixels: `[row, col] = [floor(y·h/cssH), floor(x·w/cssW)]`, clamped into the image.
 */
export function pixelAt(x: number, y: number, cssW: number, cssH: number, w: number, h: number): [number, number] {
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(v)));
  return [clamp((y * h) / cssH, h), clamp((x * w) / cssW, w)];
}

/** Transposes a row-major `[h·w]` image into `[w·h]`. */
export function transposeImage(data: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out[c * h + r] = data[r * w + c];
  return out;
}

/** Re-exported for the view: matrices are plain row-major arrays. */
export type { Matrix };
