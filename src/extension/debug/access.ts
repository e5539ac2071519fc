// Which elements a values request asks for, as index arithmetic both expression dialects write out. A request is a
// range [from, to) of positions either in the whole array (row-major) or in one plane of it (src/core/slice.ts), and
// each position becomes a logical row-major index j of the shown shape, then the place the value is stored: j itself
// in flat storage, the index path `[i0][i1]…` for nested lists, `offset + Σ i·stride` for strided data. vscode-free.
import { planeLayout, stridesOf, type PlaneSelection } from '../../core/slice';
import type { Described } from './reply';

/**
 * What one values expression reads: positions `from … to − 1` of the array, or of a plane (every `step`-th) — as many
 * of them, from `from` on, as fit in `budget` characters of answer (at least one).
 */
export interface ValuesRequest {
  from: number;
  to: number;
  budget: number;
  plane?: { sel: PlaneSelection; step: number };
}

/** Integer division and remainder, as each language writes them (JS has no integer `//`). */
export interface Arith {
  div(a: string, n: number): string;
}

export const JS_ARITH: Arith = { div: (a, n) => (n === 1 ? a : `floor(${a} / ${n})`) };
export const PY_ARITH: Arith = { div: (a, n) => (n === 1 ? a : `${a} // ${n}`) };

/**
 * The logical row-major index (of the shown shape) of request position `k` (an expression in `k`): `k` for the
 * whole array, `base + ⌊k / cols⌋·rowStride + (k mod cols)·colStride` for a plane.
 */
export function logicalIndex(d: Described, req: ValuesRequest, k: string, ar: Arith): string {
  if (!req.plane) return k;
  const p = planeLayout(d.shape, req.plane.sel, req.plane.step);
  const terms = [
    p.base ? String(p.base) : '',
    p.rowStride && p.rows > 1 ? `${ar.div(k, p.cols)} * ${p.rowStride}` : '',
    p.colStride && p.cols > 1 ? `(${k} % ${p.cols}) * ${p.colStride}` : '',
  ].filter(Boolean);
  return terms.length ? `(${terms.join(' + ')})` : '0';
}

/**
 * The index path of logical index `j` in the stored shape, one expression per axis: `⌊j / P⌋ mod n` with P the
 * product of the later axes (the first axis needs no mod, the last no division).
 */
export function indexPath(storage: readonly number[], j: string, ar: Arith): string[] {
  const strides = stridesOf(storage);
  return storage.map((n, a) => {
    const q = ar.div(j, strides[a]);
    return a === 0 ? q : `${q === j ? j : `(${q})`} % ${n}`;
  });
}

/** The flat storage index of logical index `j`: `j`, or `offset + Σ i·stride` for strided data. */
export function storageIndex(d: Described, j: string, ar: Arith): string {
  if (!d.layout) return j;
  const path = indexPath(d.storage, j, ar);
  const terms = path.map((i, a) => `(${i}) * ${d.layout?.strides[a]}`);
  return `(${[String(d.layout.offset), ...terms].join(' + ')})`;
}
