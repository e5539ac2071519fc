// What a tensor view shows, computed apart from drawing (pure, tested in Node): the values with NaN and ±∞ put back
// (the protocol carries them as 0 plus their positions), the plane a slicer selects — from the whole array, or the
// one plane the host sent for an array too large to send whole — and the summary line.
import type { Tensor } from '../../src/protocol/messages';
import { extractPlane, fitSelection, planeLayout, sizeOf, type PlaneSelection } from '../../src/core/slice';
import { summarize, type Summary } from '../../src/core/summary';
import { fmt } from './format';

/** The tensor's values with NaN and ±∞ back in place. */
export function valuesOf(t: Tensor): Float64Array {
  const out = Float64Array.from(t.data);
  t.nonFinite?.nan.forEach((k) => (out[k] = NaN));
  t.nonFinite?.posInf.forEach((k) => (out[k] = Infinity));
  t.nonFinite?.negInf.forEach((k) => (out[k] = -Infinity));
  return out;
}

/** A plane on screen: its values row-major, its size, and whether it is not yet the plane the slicer asks for. */
export interface ShownPlane {
  values: number[];
  rows: number;
  cols: number;
  /** The selection the plane is of (what the caption names). */
  sel: PlaneSelection;
  /** Every step-th row and column of the selected plane. */
  step: number;
  /** True when the host sent another plane than `wanted`: the view asks for the wanted one and shows this meanwhile. */
  stale: boolean;
}

function sameSelection(a: PlaneSelection, b: PlaneSelection): boolean {
  return a.rowAxis === b.rowAxis && a.colAxis === b.colAxis && a.index.every((i, k) => i === b.index[k]);
}

/**
 * The plane to show for the slicer's `wanted` selection (made valid for the shape): cut from the whole array, or —
 * when the host sent one plane — that plane, `stale` if it is not the wanted one.
 */
export function shownPlane(t: Tensor, values: Float64Array, wanted: PlaneSelection | undefined): ShownPlane {
  const sel = fitSelection(t.shape, wanted);
  if (t.plane) {
    const sent = { rowAxis: t.plane.rowAxis, colAxis: t.plane.colAxis, index: t.plane.index };
    const stale = !sameSelection(sent, sel);
    return { values: Array.from(values), rows: t.plane.rows, cols: t.plane.cols, sel: sent, step: t.plane.step, stale };
  }
  if (sizeOf(t.shape) === 0) return { values: [], rows: 0, cols: 0, sel, step: 1, stale: false };
  const M = extractPlane(values, t.shape, sel);
  return { values: M.flat(), rows: M.length, cols: M[0].length, sel, step: 1, stale: false };
}

/** The summary the host computed where the array lives, else the summary of the values here. */
export function summaryOf(t: Tensor, values: Float64Array): Summary {
  return t.summary ?? summarize(values);
}

/** "min −1 · max 3 · mean 0.5 · 24 values", then the non-finite counts ("2 NaN, 1 +∞"). */
export function summaryText(s: Summary): string {
  const parts =
    s.count > 0 && s.min !== undefined && s.max !== undefined && s.mean !== undefined
      ? [`min ${fmt(s.min)}`, `max ${fmt(s.max)}`, `mean ${fmt(s.mean)}`]
      : ['no finite value'];
  const odd = [s.nan ? `${s.nan} NaN` : '', s.posInf ? `${s.posInf} +∞` : '', s.negInf ? `${s.negInf} −∞` : ''].filter(
    Boolean,
  );
  return [...parts, `${s.count + s.nan + s.posInf + s.negInf} values${odd.length ? ` (${odd.join(', ')})` : ''}`].join(
    ' · ',
  );
}

/** Rows of a plane's values: the matrix a grid draws and "use as X / K" sends. */
export function planeMatrix(p: ShownPlane): number[][] {
  return Array.from({ length: p.rows }, (_, r) => p.values.slice(r * p.cols, (r + 1) * p.cols));
}

/** Layout rows × cols of selection `sel` in `shape` (the slicer's caption before the values arrive). */
export function planeSize(shape: readonly number[], sel: PlaneSelection): [number, number] {
  const p = planeLayout(shape, sel);
  return [p.rows, p.cols];
}
