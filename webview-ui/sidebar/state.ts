// The sidebar's state: plain JSON, saved with setState after every change so it survives collapse and reload.
import type { Padding } from '../../src/core/geometry';
import { fig51K, fig51X } from '../../src/core/fixtures';

/** The literal under the cursor as the host last sent it. */
export interface CursorInfo {
  matrix: number[][] | null;
  label: string;
  problem?: string;
}

/** Everything the sidebar shows. */
export interface SidebarState {
  X: number[][];
  K: number[][];
  bias: number;
  padding: Padding;
  stride: number;
  dilation: number;
  cursor?: CursorInfo;
}

/** The state a new sidebar starts from: d2l Fig. 5.1. */
export function defaultState(): SidebarState {
  return { X: fig51X(), K: fig51K(), bias: 0, padding: 'valid', stride: 1, dilation: 1 };
}

/** Reads a saved state, falling back to the defaults field by field (older or damaged states stay usable). */
export function restoreState(saved: unknown): SidebarState {
  const d = defaultState();
  if (!saved || typeof saved !== 'object') return d;
  const s = saved as Partial<SidebarState>;
  const isMatrix = (m: unknown): m is number[][] =>
    Array.isArray(m) &&
    m.length > 0 &&
    m.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number' && Number.isFinite(x)));
  const num = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
  return {
    X: isMatrix(s.X) ? s.X : d.X,
    K: isMatrix(s.K) ? s.K : d.K,
    bias: num(s.bias, 0),
    padding: s.padding === 'same' || s.padding === 'valid' || typeof s.padding === 'number' ? s.padding : 'valid',
    stride: num(s.stride, 1),
    dilation: num(s.dilation, 1),
    cursor: s.cursor,
  };
}
