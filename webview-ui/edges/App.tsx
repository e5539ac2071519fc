// The "Detect Edges" panel (d2l §7.2.3 "Object Edge Detection in Images"): X ⋆ K = Y for the book's 6×8 image, a
// matrix from the editor or any photo, with a kernel editor, a diverging heat map, a probe that shows one output pixel
// and the window it reads. Small matrices are grids of numbers; photos and large matrices are canvases.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { windowCells } from '../../src/core/geometry';
import { Badge } from '../shared/components/Badge';
import { MaybeError } from '../shared/components/ErrorBox';
import { MatrixView } from '../shared/components/MatrixView';
import { explain } from '../shared/explain';
import { num, parseDecimal } from '../shared/format';
import { post } from '../shared/host';
import { useLatest } from '../shared/hooks';
import type { ViewContext } from '../shared/start';
import { GrayCanvas, HeatCanvas, Legend } from './Canvases';
import { captionOf, grayRange, legendText } from './display';
import type { EdgesModel, Input, Output } from './model';
import { CUSTOM, matchPreset, parseShape, PRESETS, presetKernel, resizeKernel, SHAPES, shapeText } from './presets';
import { colourAt, scalePosition } from './scale';
import { probeText, type EdgeState } from './state';

/** Matrices up to this many cells a side are grids of numbers; larger ones, like photos, are canvases. */
const GRID_MAX = 32;

export function EdgesApp({ ctx, model }: { ctx: ViewContext<EdgeState>; model: EdgesModel }) {
  const { store } = ctx;
  const s = store.state.value;
  const decoded = model.decoded.value;
  // A saved photo is decoded again after a reload; if that fails the panel shows the book's image and says why.
  useEffect(() => {
    const src = s.source;
    if (src.kind !== 'photo' || model.photo(src.uri)) return;
    model.open(src.uri, src.name).catch(() => {
      model.notice.value = {
        kind: 'warning',
        text: `${src.name} could not be reloaded; showing the book's 6×8 image. Use “Open image…” to load it again.`,
      };
      store.set({ source: { kind: 'book' }, inspect: [0, 0] });
    });
  }, [s.source]);
  const input = useMemo(() => model.inputOf(s), [s.source, s.transposed, decoded]);
  const request = useMemo(() => (input ? { input, K: s.K } : undefined), [input, s.K]);
  const out = useLatest((r: { input: Input; K: EdgeState['K'] }) => model.compute(r), request);
  // The pixel under the pointer inspects until the user types or clicks another, or X changes (not saved).
  const [hovered, setHovered] = useState<[number, number] | null>(null);
  useEffect(() => setHovered(null), [input]);
  const result = out?.ok ? out.value : undefined;
  const failure = out && !out.ok && out.request === request ? explain(out.error, 'edges') : undefined;
  const shown = failure ? undefined : result;

  return (
    <div class="edges">
      <div class="toolbar">
        <h1>Detect edges: Y = X ⋆ K</h1>
        <Badge choice={ctx.backend} />
      </div>
      <Toolbar s={s} ctx={ctx} model={model} />
      {model.notice.value &&
        (model.notice.value.kind === 'error' ? (
          <MaybeError message={model.notice.value.text} />
        ) : (
          <div class="warning" role="status">
            {model.notice.value.text}
          </div>
        ))}
      <MaybeError message={ctx.inputError.value} />
      <MaybeError message={failure} />
      <p class="caption" data-testid="caption">
        {model.loading.value ? `Loading ${model.loading.value}…` : input ? captionOf(s, input) : ''}
      </p>
      <p class="caption" data-testid="input-note" hidden={!s.ignored}>
        {s.ignored}
      </p>
      <div class="row">
        <section>{input && <XView input={input} s={s} out={shown} hovered={hovered} />}</section>
        <section>
          <h2>Kernel K (edit any cell)</h2>
          <MatrixView
            M={s.K}
            label="Kernel K"
            testid="K"
            edit={{
              parse: (t) => {
                const v = parseDecimal(t);
                return Number.isNaN(v)
                  ? { ok: false, message: `“${t}” is not a decimal number` }
                  : { ok: true, value: v };
              },
              onEdit: (r, c, v) =>
                store.update((x) => {
                  const K = x.K.map((row) => [...row]);
                  K[r][c] = v;
                  return { ...x, K, preset: matchPreset(K), kernelFrom: undefined };
                }),
            }}
          />
        </section>
        <section>{shown && <YView out={shown} s={s} hovered={hovered} onHover={setHovered} ctx={ctx} />}</section>
      </div>
      <div class="mono" data-testid="stats" role="status">
        {shown
          ? `Y: ${shown.geom.outH}×${shown.geom.outW} · min ${num(shown.range.min)} · max ${num(shown.range.max)}`
          : 'Y: — (no output for this kernel)'}
      </div>
      <Probe
        s={s}
        out={shown}
        hovered={hovered}
        onInspect={(i, j) => {
          setHovered(null);
          store.set({ inspect: [i, j] });
        }}
      />
      <div class="caption" data-testid="timing">
        {shown &&
          `corr2d ${shown.ms.toFixed(1)} ms on ${ctx.backend.conv.path}` +
            ` (${shown.geom.outH * shown.geom.outW} output pixels, computed at full resolution)`}
      </div>
    </div>
  );
}

function Toolbar({ s, ctx, model }: { s: EdgeState; ctx: ViewContext<EdgeState>; model: EdgesModel }) {
  const { store } = ctx;
  const shape = shapeText(s.K);
  const shapes = SHAPES.includes(shape) ? SHAPES : [...SHAPES, shape];
  return (
    <div class="toolbar">
      <button
        class="secondary"
        data-testid="textbook"
        onClick={() => {
          model.notice.value = undefined;
          store.set({ source: { kind: 'book' }, kept: undefined, inspect: [0, 0] });
        }}
      >
        Book example (6×8)
      </button>
      <button
        class={s.transposed ? undefined : 'secondary'}
        data-testid="transpose"
        aria-pressed={s.transposed ? 'true' : 'false'}
        title="Transpose X: the vertical edges become horizontal, and K = [1, −1] sees none"
        onClick={() => store.set({ transposed: !s.transposed })}
      >
        Transpose X
      </button>
      <button data-testid="open-image" onClick={() => post({ type: 'pickImage' })}>
        <span class="codicon codicon-folder-opened" aria-hidden="true" /> Open image…
      </button>
      <label>
        Kernel{' '}
        <select
          data-testid="preset"
          aria-label="Kernel preset"
          value={s.preset}
          onChange={(e) => {
            const id = e.currentTarget.value;
            if (id !== CUSTOM) store.set({ K: presetKernel(id), preset: id, kernelFrom: undefined });
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom</option>
        </select>
      </label>
      <label>
        Shape{' '}
        <select
          data-testid="shape"
          aria-label="Kernel shape"
          value={shape}
          onChange={(e) => {
            const [rows, cols] = parseShape(e.currentTarget.value);
            const K = resizeKernel(s.K, rows, cols);
            store.set({ K, preset: matchPreset(K), kernelFrom: undefined });
          }}
        >
          {shapes.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The window of output pixel (i, j) on X, from the computation's geometry. */
function windowOf(out: Output | undefined, [i, j]: [number, number]) {
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
function inspected(out: Output | undefined, s: EdgeState, hovered: [number, number] | null): [number, number] {
  const [i, j] = hovered ?? s.inspect;
  if (!out) return [0, 0];
  const clamp = (v: number, n: number) => (Number.isFinite(v) ? Math.min(n - 1, Math.max(0, Math.floor(v))) : 0);
  return [clamp(i, out.geom.outH), clamp(j, out.geom.outW)];
}

function XView({
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
  const title = `Input X (${plane.h}×${plane.w}${s.transposed ? ', transposed' : ''})`;
  if (matrix && plane.w <= GRID_MAX && plane.h <= GRID_MAX) {
    return (
      <>
        <h2>{title}</h2>
        <MatrixView
          M={matrix}
          label="Input X"
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
    </>
  );
}

function YView(p: {
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
      <h2>{`Output Y (${outH}×${outW})`}</h2>
      {small ? (
        <MatrixView
          M={M}
          label="Output Y"
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

function Probe(p: {
  s: EdgeState;
  out?: Output;
  hovered: [number, number] | null;
  onInspect(i: number, j: number): void;
}) {
  const [i, j] = inspected(p.out, p.s, p.hovered);
  const value = p.out ? p.out.Y[i * p.out.geom.outW + j] : undefined;
  const clamp = (v: number, n: number) => (Number.isFinite(v) ? Math.min(n - 1, Math.max(0, Math.floor(v))) : 0);
  const set = (r: number, c: number) => {
    if (p.out) p.onInspect(clamp(r, p.out.geom.outH), clamp(c, p.out.geom.outW));
  };
  return (
    <>
      <div class="toolbar">
        Inspect output pixel: <InspectBox testid="inspect-row" label="row" value={i} set={(n) => set(n, j)} />
        <InspectBox testid="inspect-col" label="column" value={j} set={(n) => set(i, n)} />
        <span class="caption">(or hover the output)</span>
      </div>
      <div
        class="arith"
        data-testid="probe"
        aria-live="polite"
        data-row={p.out ? i : undefined}
        data-col={p.out ? j : undefined}
        data-value={value === undefined ? undefined : String(value)}
      >
        {p.out && value !== undefined ? probeText(i, j, value, p.out.K.length, p.out.K[0].length) : ''}
      </div>
    </>
  );
}

/** A row or column box: the user's text stays while they type; leaving it shows the pixel really inspected (−3 → 0). */
function InspectBox(p: { testid: string; label: string; value: number; set(n: number): void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current && document.activeElement !== ref.current) ref.current.value = String(p.value);
  }, [p.value]);
  return (
    <label>
      {p.label}
      <input
        ref={ref}
        type="number"
        min={0}
        class="inspect"
        data-testid={p.testid}
        aria-label={`Inspect output ${p.label}`}
        defaultValue={String(p.value)}
        onInput={(e) => p.set(Number(e.currentTarget.value))}
        onChange={(e) => (e.currentTarget.value = String(p.value))}
      />
    </label>
  );
}

/** Gray for value `v` over `[lo, hi]` (lo black, hi white; the middle gray when lo = hi). */
function grayColour(v: number, [lo, hi]: [number, number]): string {
  if (!Number.isFinite(v)) return 'transparent';
  const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  const b = Math.round(255 * t);
  return `rgb(${b}, ${b}, ${b})`;
}
