// X and Y of the edge panel: small matrices as grids of numbers, photos and large matrices as canvases; the window of
// the inspected output pixel on X, and that pixel marked on Y.
import { useMemo } from 'preact/hooks';
import { windowCells } from '../../src/core/geometry';
import { MatrixView } from '../shared/components/MatrixView';
import type { ViewContext } from '../shared/start';
import { GrayCanvas, HeatCanvas, Legend } from './Canvases';
import { ColourChannels } from './Gallery';
import { grayRange, legendText } from './display';
import type { Input, Output } from './model';
import { colourAt, scalePosition } from './scale';
import type { EdgeState } from './state';
import { t } from '../shared/l10n';

/** Matrices up to this many cells a side are grids of numbers; larger ones, like photos, are canvases. */
const GRID_MAX = 32;

/** The window of output pixel (i, j) on X, from the computation's geometry. */
export function windowOf(out: Output | undefined, [i, j]: [number, number]) {
  if (!out) return undefined;
  const cells = windowCells(out.geom, i, j);
  const rows = cells.map((c) => c[0]);
  const cols = cells.map((c) => c[1]);
  return {
    cells,
    r: Math.min(...rows),
    c: Math.min(...cols),
    kh: Math.max(...rows) - Math.min(...rows) + 1,
    kw: Math.max(...cols) - Math.min(...cols) + 1,
  };
}

/** The inspected pixel: the one under the pointer, else the one typed or clicked, clamped into Y. */
export function inspected(out: Output | undefined, s: EdgeState, hovered: [number, number] | null): [number, number] {
  const [i, j] = hovered ?? s.inspect;
  if (!out) return [0, 0];
  const clamp = (v: number, n: number) => (Number.isFinite(v) ? Math.min(n - 1, Math.max(0, Math.floor(v))) : 0);
  return [clamp(i, out.geom.outH), clamp(j, out.geom.outW)];
}

export function XView({
  input,
  s,
  out,
  hovered,
}: {
  input: Input;
  s: EdgeState;
  out?: Output;
  hovered: [number, number] | null;
}) {
  const { plane, matrix } = input;
  const win = windowOf(out, inspected(out, s, hovered));
  const range = useMemo(() => grayRange(plane.data), [plane]);
  const dims = `${plane.h}×${plane.w}`;
  const title = s.transposed ? t('Input X ({0}, transposed)', dims) : t('Input X ({0})', dims);
  if (matrix && plane.w <= GRID_MAX && plane.h <= GRID_MAX) {
    return (
      <>
        <h2>{title}</h2>
        <MatrixView
          M={matrix}
          label={t('Input X')}
          testid="X"
          colour={(v) => grayColour(v, range)}
          marks={{ hl: win?.cells.map(([r, c]) => [r, c] as const) ?? [] }}
        />
      </>
    );
  }
  return (
    <>
      <h2>{title}</h2>
      <GrayCanvas plane={plane} range={range} win={win} label={`grayscale input ${input.photo?.name ?? 'X'}`} />
      <ColourChannels input={input} />
    </>
  );
}

export function YView(p: {
  out: Output;
  s: EdgeState;
  hovered: [number, number] | null;
  onHover(c: [number, number] | null): void;
  ctx: ViewContext<EdgeState>;
}) {
  const { out } = p;
  const { outH, outW } = out.geom;
  const at = inspected(out, p.s, p.hovered);
  const small = out.input.matrix && outW <= GRID_MAX && outH <= GRID_MAX;
  const M = useMemo(
    () => (small ? Array.from({ length: outH }, (_, r) => Array.from(out.Y.subarray(r * outW, (r + 1) * outW))) : []),
    [out],
  );
  return (
    <>
      <h2>{t('Output Y ({0})', `${outH}×${outW}`)}</h2>
      {small ? (
        <MatrixView
          M={M}
          label={t('Output Y')}
          testid="Y"
          colour={(v) => colourAt(scalePosition(v, out.range.m))}
          marks={{ hl: [at] }}
          onHover={(c) => p.onHover(c ? [c[0], c[1]] : null)}
          onClick={(r, c) => {
            p.onHover(null);
            p.ctx.store.set({ inspect: [r, c] });
          }}
        />
      ) : (
        <HeatCanvas Y={out.Y} w={outW} h={outH} m={out.range.m} inspect={at} onPoint={(i, j) => p.onHover([i, j])} />
      )}
      <Legend m={out.range.m} text={legendText(out.range.m)} />
    </>
  );
}

/** Gray for value `v` over `[lo, hi]` (lo black, hi white; the middle gray when lo = hi). */
function grayColour(v: number, [lo, hi]: [number, number]): string {
  if (!Number.isFinite(v)) return 'transparent';
  const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  const b = Math.round(255 * t);
  return `rgb(${b}, ${b}, ${b})`;
}
