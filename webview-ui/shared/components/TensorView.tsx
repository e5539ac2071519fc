// An N-D array on screen: shape and dtype first, then the summary (min, max, mean, and any NaN/±∞), a slicer for
// rank ≥ 3 (the two displayed axes, an index for each other one), and the plane it selects as a heat map and — up to
// 16 cells a side — a table; "use as X / use as K" send that plane (a 2-D matrix) on. Shape and dtype before values
// is what readers of tensors ask of viewers (microsoft/vscode#201358); the slicer follows numpy's basic indexing.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { refusal } from '../../../src/core/limits';
import { planeText, type PlaneSelection } from '../../../src/core/slice';
import type { Tensor } from '../../../src/protocol/messages';
import { drawHeat, heatScale } from '../heatmap';
import { planeMatrix, shownPlane, summaryOf, summaryText, valuesOf, type ShownPlane } from '../tensor';
import { MatrixView } from './MatrixView';

// Grids above this size show as a heat map only: thousands of DOM cells would make a side bar sluggish.
const MAX_GRID = 16;

/** Props of a tensor view. Test ids: `<testid>-shape`, `-dtype`, `-summary`, `-slice`, `-rows`, `-cols`, `-index-<axis>`. */
export interface TensorViewProps {
  tensor: Tensor;
  /** The array's name in slice captions: `K[1, :, :]`. */
  name: string;
  title: ComponentChildren;
  /** Shown right under the title (where the array comes from). */
  subtitle?: ComponentChildren;
  testid: string;
  /** The slicer's selection (kept by the caller: it outlives a page reload). */
  selection: PlaneSelection | undefined;
  onSelect(sel: PlaneSelection): void;
  /** Takes the shown plane as X or K; `what` names it ("K[1, :, :]"). */
  onUse?(role: 'X' | 'K', M: number[][], what: string): void;
  /** Test ids of the two buttons (default `<testid>-use-x`, `<testid>-use-k`). */
  useIds?: { X: string; K: string };
  /** Values are being read again: the buttons wait. */
  busy?: boolean;
}

/** The array: header, summary, slicer, plane. */
export function TensorView(p: TensorViewProps) {
  const { tensor: t, testid } = p;
  const values = useMemo(() => valuesOf(t), [t]);
  const plane = useMemo(() => shownPlane(t, values, p.selection), [t, values, p.selection]);
  const summary = useMemo(() => summaryOf(t, values), [t, values]);
  const rank = t.shape.length;
  const what = planeText(p.name, t.shape, plane.sel, plane.step);
  return (
    <section aria-label={typeof p.title === 'string' ? p.title : p.name} class="tensor">
      <h2>
        {p.title}{' '}
        <span class="caption" data-testid={`${testid}-shape`}>
          {rank === 0 ? 'scalar' : t.shape.join('×')}
        </span>{' '}
        {t.dtype && (
          <span class="dtype" data-testid={`${testid}-dtype`}>
            {t.dtype}
          </span>
        )}
      </h2>
      {p.subtitle}
      <p class="caption" data-testid={`${testid}-summary`}>
        {summaryText(summary)}
      </p>
      {rank >= 3 && (
        <Slicer shape={t.shape} sel={fitted(plane, p.selection, t)} onSelect={p.onSelect} testid={testid} />
      )}
      {plane.rows > 0 && (
        <>
          {(rank >= 3 || plane.step > 1 || what !== p.name) && (
            <p class="caption mono" data-testid={`${testid}-slice`}>
              {what} · {plane.rows}×{plane.cols}
              {plane.stale ? ' · reading the selected plane…' : ''}
            </p>
          )}
          <PlaneView plane={plane} label={what} testid={testid} />
          {p.onUse && (
            <UseButtons plane={plane} what={what} busy={p.busy} onUse={p.onUse} ids={p.useIds} testid={testid} />
          )}
        </>
      )}
    </section>
  );
}

/** The selection the slicer shows: the user's (it may be ahead of a plane still being read). */
function fitted(plane: ShownPlane, wanted: PlaneSelection | undefined, t: Tensor): PlaneSelection {
  return plane.stale && wanted && wanted.index.length === t.shape.length ? wanted : plane.sel;
}

/** Rows and columns over which axes, and an index for every other axis (number inputs: arrows step them). */
function Slicer(p: { shape: number[]; sel: PlaneSelection; onSelect(s: PlaneSelection): void; testid: string }) {
  const { shape, sel } = p;
  const axes = shape.map((n, a) => (
    <option key={a} value={a}>
      axis {a} ({n})
    </option>
  ));
  // Choosing the other drawn axis for rows (or columns) swaps the two: the plane is transposed, not emptied.
  const choose = (which: 'rowAxis' | 'colAxis', a: number) => {
    const other = which === 'rowAxis' ? 'colAxis' : 'rowAxis';
    const next = { ...sel, index: [...sel.index], [which]: a };
    if (a === sel[other]) next[other] = sel[which];
    next.index[next.rowAxis] = 0;
    next.index[next.colAxis] = 0;
    p.onSelect(next);
  };
  const setIndex = (a: number, text: string) => {
    const i = Number(text);
    if (!Number.isInteger(i) || i < 0 || i >= shape[a]) return;
    const index = [...sel.index];
    index[a] = i;
    p.onSelect({ ...sel, index });
  };
  return (
    <div class="toolbar slicer" role="group" aria-label="Slicer: the plane shown">
      <label>
        rows
        <select
          data-testid={`${p.testid}-rows`}
          value={String(sel.rowAxis)}
          onChange={(e) => choose('rowAxis', Number(e.currentTarget.value))}
        >
          {axes}
        </select>
      </label>
      <label>
        cols
        <select
          data-testid={`${p.testid}-cols`}
          value={String(sel.colAxis)}
          onChange={(e) => choose('colAxis', Number(e.currentTarget.value))}
        >
          {axes}
        </select>
      </label>
      {shape.map((n, a) =>
        a === sel.rowAxis || a === sel.colAxis ? null : (
          <label key={a} title={`index on axis ${a}: 0 … ${n - 1}`}>
            [{a}]
            <input
              type="number"
              class="index"
              min={0}
              max={n - 1}
              step={1}
              value={sel.index[a]}
              data-testid={`${p.testid}-index-${a}`}
              aria-label={`index on axis ${a} (0 to ${n - 1})`}
              onInput={(e) => setIndex(a, e.currentTarget.value)}
            />
            <span class="caption">/ {n}</span>
          </label>
        ),
      )}
    </div>
  );
}

/** The plane as a heat map, and as a table when it is small. NaN cells are grey on the map, ±∞ the scale's ends. */
function PlaneView({ plane, label, testid }: { plane: ShownPlane; label: string; testid: string }) {
  const big = plane.rows > MAX_GRID || plane.cols > MAX_GRID;
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawPlane(ref.current, plane);
  }, [plane]);
  const width = `${Math.min(big ? 240 : 80, Math.max(24, plane.cols * (big ? 4 : 12)))}px`;
  const heat = <canvas ref={ref} class="heat" aria-hidden="true" style={{ width }} data-testid={`${testid}-heat`} />;
  if (big) return heat;
  return (
    <div class="row">
      <div class="scroller">
        <MatrixView M={planeMatrix(plane)} label={label} testid={testid} />
      </div>
      {heat}
    </div>
  );
}

function drawPlane(canvas: HTMLCanvasElement, plane: ShownPlane): void {
  const scale = heatScale(plane.values);
  const lo = scale.hi > scale.lo ? scale.lo : scale.lo - 1;
  const hi = scale.hi > scale.lo ? scale.hi : scale.lo + 1;
  const finite = plane.values.map((v) => (Number.isNaN(v) ? lo : v === Infinity ? hi : v === -Infinity ? lo : v));
  drawHeat(canvas, finite, plane.rows, plane.cols, scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = 'rgb(128, 128, 128)';
  plane.values.forEach((v, k) => {
    if (Number.isNaN(v)) ctx.fillRect(k % plane.cols, Math.floor(k / plane.cols), 1, 1);
  });
}

function UseButtons(p: {
  plane: ShownPlane;
  what: string;
  busy: boolean | undefined;
  onUse: NonNullable<TensorViewProps['onUse']>;
  ids: TensorViewProps['useIds'];
  testid: string;
}) {
  const refused =
    (p.plane.step > 1 ? `${p.what} is every ${p.plane.step}th value only` : undefined) ??
    refusal('sidebar', [p.plane.rows, p.plane.cols]) ??
    (p.plane.values.every(Number.isFinite) ? undefined : `${p.what} holds NaN or ±∞`) ??
    (p.plane.stale ? 'the selected plane is still being read' : undefined) ??
    (p.busy ? 'the values are being read again' : undefined);
  const use = (role: 'X' | 'K') => () => p.onUse(role, planeMatrix(p.plane), p.what);
  return (
    <div class="toolbar">
      {(['X', 'K'] as const).map((role) => (
        <button
          key={role}
          data-testid={p.ids?.[role] ?? `${p.testid}-use-${role.toLowerCase()}`}
          disabled={refused !== undefined}
          title={refused ?? `Use ${p.what} as ${role}`}
          onClick={use(role)}
        >
          Use as {role}
        </button>
      ))}
      {refused && <span class="caption">{refused}</span>}
    </div>
  );
}
