// Kernel presets of the edge panel and the small matrix helpers its kernel editor needs (shape changes, matching a
// kernel back to its preset). Pure: no DOM, tested in Node.
import type { Matrix } from '../../src/core/matrix';
import { KERNEL_PRESETS } from '../../src/core/presets';

/** A named kernel. `K: [kh, kw]`. */
export interface Preset {
  id: string;
  label: string;
  K: Matrix;
}

/**
 * The presets: the shared list (src/core/presets.ts) without Fig. 5.1's kernel, which finds no edges. Kernels are
 * written for cross-correlation (what `corr2d` and `tf.conv2d` compute, and what OpenCV's filter2D does): Sobel x is
 * positive where intensity rises to the right.
 */
export const PRESETS: readonly Preset[] = KERNEL_PRESETS.filter((p) => p.id !== 'fig51').map((p) => ({
  id: p.id,
  label: p.label,
  K: p.kernel,
}));

/** Id used when the kernel matches no preset. */
export const CUSTOM = 'custom';

/** Kernel shapes offered by the shape selector, as "rows×cols". */
export const SHAPES: readonly string[] = ['1×2', '2×1', '1×3', '3×1', '2×2', '3×3', '5×5'];

/** A copy of the preset's kernel; throws "edges: unknown kernel preset …" for an unknown id. */
export function presetKernel(id: string): Matrix {
  const p = PRESETS.find((q) => q.id === id);
  if (!p) throw new Error(`edges: unknown kernel preset “${id}”`);
  return p.K.map((row) => [...row]);
}

/** The id of the preset equal to `K` (same shape, every value within 1e-12), else `CUSTOM`. */
export function matchPreset(K: Matrix): string {
  const same = (A: Matrix) =>
    A.length === K.length &&
    A.every((row, r) => row.length === K[r].length && row.every((x, c) => Math.abs(x - K[r][c]) <= 1e-12));
  return PRESETS.find((p) => same(p.K))?.id ?? CUSTOM;
}

/**
 * Parses a shape "3×3" (also "3x3", "3*3") into `[rows, cols]`, each an integer 1..15.
 * Throws "edges: kernel shape …" otherwise.
 */
export function parseShape(text: string): [number, number] {
  const m = /^\s*(\d+)\s*[×xX*]\s*(\d+)\s*$/.exec(text);
  const rows = m ? Number(m[1]) : NaN;
  const cols = m ? Number(m[2]) : NaN;
  if (!(rows >= 1 && rows <= 15 && cols >= 1 && cols <= 15)) {
    throw new Error(`edges: kernel shape “${text}” is not rows×cols with 1 to 15 each`);
  }
  return [rows, cols];
}

/** "rows×cols" of a matrix. */
export function shapeText(M: Matrix): string {
  return `${M.length}×${M[0]?.length ?? 0}`;
}

/**
 * `K: [kh, kw]` → `[rows, cols]`: the overlapping top-left values are kept, new cells are 0. A kernel that is all
 * zeros afterwards would show nothing, so an all-zero result gets a 1 in its top-left cell.
 */
export function resizeKernel(K: Matrix, rows: number, cols: number): Matrix {
  const out: Matrix = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c): number => K[r]?.[c] ?? 0),
  );
  if (!out.some((row) => row.some((x) => x !== 0))) out[0][0] = 1;
  return out;
}
