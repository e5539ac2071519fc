// The sidebar visualization: a value read from a paused debug session (DebugValue.tsx), the literal under the cursor
// (any rank, sliced by the shared TensorView), X and K (one click assigns either plane), a kernel preset, and
// Y = corr2d(X, K) + b computed live, with the output-size formula for the current geometry. The valid, dense case
// runs on the machine's forward path (conv-path.ts: the fast wasm-SIMD engine on a CPU-bound machine, X loaded once
// per change of X); other geometries on tfjs `corr2d`. The badge names the path the Y on screen came from.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { convGeometry, type Geometry } from '../../src/core/geometry';
import { sizeFormulaLines } from '../../src/core/formula';
import { fromPlane, toPlane } from '../../src/core/fast';
import { mapMatrix, type Matrix } from '../../src/core/matrix';
import { KERNEL_PRESETS } from '../../src/core/presets';
import { corr2d } from '../../src/core/tfjs/tensor';
import { Badge } from '../shared/components/Badge';
import { MaybeError } from '../shared/components/ErrorBox';
import { ExportBar } from '../shared/components/ExportBar';
import { Field, FieldNotes, NotesView, type Check } from '../shared/components/fields';
import { MatrixView } from '../shared/components/MatrixView';
import { TensorView } from '../shared/components/TensorView';
import type { ReadonlySignal } from '@preact/signals';
import { DebugValue, type DebugMessage } from './DebugValue';
import { forwardApplies, tfjsConvPath, type ConvPathChoice, type ForwardCorr } from '../shared/conv-path';
import { explain } from '../shared/explain';
import { post } from '../shared/host';
import { drawHeat, heatScale } from '../shared/heatmap';
import { useLatest } from '../shared/hooks';
import type { ViewContext } from '../shared/start';
import { allowedValues, readSetting, type NumberSpec } from './settings';
import { sidebarExport } from './export';
import { planeFor, sidebarSource, type SidebarState } from './state';

// Grids above this size show as a heat map only: thousands of DOM cells would make the sidebar sluggish.
const MAX_GRID = 16;

/** Y's request: X, K and the geometry (compared by identity: memoised on the state). */
interface YRequest {
  X: Matrix;
  K: Matrix;
  bias: number;
  g: Geometry;
  opts: { padding: SidebarState['padding']; stride: number; dilation: number };
}

/** Takes a matrix as X or K, saying where it came from. */
type Use = (role: 'X' | 'K', M: Matrix, from: string) => void;
type Store = ViewContext<SidebarState>['store'];

export function SidebarApp({
  ctx,
  debug,
}: {
  ctx: ViewContext<SidebarState>;
  debug: ReadonlySignal<DebugMessage | undefined>;
}) {
  const { store, backend } = ctx;
  const s = store.state.value;
  const use: Use = (role, M, from) => store.set({ [role]: M, from: { ...s.from, [role]: from } });
  const notes = useMemo(() => new FieldNotes(), []);
  const forward = useRef<{ corr: ForwardCorr; X: Matrix | undefined } | undefined>(undefined);
  const geometry = useMemo(() => {
    try {
      const opts = { padding: s.padding, stride: s.stride, dilation: s.dilation };
      const g = convGeometry(
        { inH: s.X.length, inW: s.X[0].length, kH: s.K.length, kW: s.K[0].length, ...opts },
        'corr2d',
      );
      return { request: { X: s.X, K: s.K, bias: s.bias, g, opts } satisfies YRequest };
    } catch (e) {
      return { error: explain(e, 'sidebar') };
    }
  }, [s.X, s.K, s.bias, s.padding, s.stride, s.dilation]);

  /** X ⋆ K on the forward path when the geometry allows (loading X only when it changed), else on tfjs `corr2d`. */
  const computeY = async (r: YRequest): Promise<{ Y: Matrix; path: ConvPathChoice }> => {
    if (!forwardApplies(r.g)) {
      const path = tfjsConvPath(backend.backend, 'padding, stride or dilation: tfjs corr2d');
      return { Y: corr2d(r.X, r.K, r.opts), path };
    }
    forward.current ??= { corr: backend.forward(), X: undefined };
    const f = forward.current;
    if (f.X !== r.X) {
      f.corr.load(toPlane(r.X, 'corr2d', 'X'));
      f.X = r.X;
    }
    const data = await f.corr.corr(toPlane(r.K, 'corr2d', 'K'));
    return { Y: fromPlane({ data, h: r.g.outH, w: r.g.outW }), path: backend.conv };
  };
  const out = useLatest(computeY, geometry.request);
  const result = out?.ok && out.request === geometry.request ? out.value : undefined;
  const failure = geometry.error ?? (out && !out.ok ? explain(out.error, 'sidebar') : undefined);
  // The host keeps the sidebar's current input, for its view/title actions.
  const input = {
    X: s.X,
    K: s.K,
    bias: s.bias,
    padding: s.padding,
    stride: s.stride,
    dilation: s.dilation,
    source: sidebarSource(s),
  };
  useEffect(() => post({ type: 'inputChanged', input }), [s]);
  const open = (panel: 'step' | 'edges' | 'learn') => () => post({ type: 'openPanel', panel, input });
  const Y = result && mapMatrix(result.Y, (v) => v + s.bias);

  return (
    <>
      <div class="toolbar">
        <Badge choice={backend} conv={result?.path ?? backend.conv} />
      </div>
      {debug.value && <DebugValue m={debug.value} s={s} set={(patch) => store.set(patch)} use={use} />}
      <Cursor s={s} set={(patch) => store.set(patch)} use={use} />
      <hr />
      <MatrixBlock title="X" M={s.X} testid="X" />
      <MatrixBlock title="K" M={s.K} testid="K" />
      <div class="toolbar">
        <select
          data-testid="preset"
          aria-label="Kernel preset"
          value=""
          onChange={(e) => {
            const p = KERNEL_PRESETS.find((k) => k.id === e.currentTarget.value);
            if (p) store.set({ K: p.kernel.map((r) => [...r]), from: { ...s.from, K: `preset ${p.label}` } });
          }}
        >
          <option value="">Kernel preset…</option>
          {KERNEL_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <Settings s={s} notes={notes} set={(patch) => store.set(patch)} />
      <NotesView notes={notes} testid="input-problem" />
      <div class="mono caption" data-testid="formula">
        {geometry.request && sizeFormulaLines(geometry.request.g).map((l) => <div key={l}>{l}</div>)}
      </div>
      <MaybeError message={failure} />
      {Y ? (
        <MatrixBlock title={s.bias ? `Y = corr2d(X, K) + ${s.bias}` : 'Y = corr2d(X, K)'} M={Y} testid="Y" />
      ) : (
        <h2>Y = corr2d(X, K)</h2>
      )}
      <div class="toolbar">
        <button class="secondary" data-testid="open-step" onClick={open('step')}>
          Step
        </button>
        <button class="secondary" data-testid="open-edges" onClick={open('edges')}>
          Edges
        </button>
        <button class="secondary" data-testid="open-learn" onClick={open('learn')}>
          Learn
        </button>
      </div>
      <ExportBar source={sidebarExport(s)} />
    </>
  );
}

function Cursor({ s, set, use }: { s: SidebarState; set: Store['set']; use: Use }) {
  const c = s.cursor;
  if (!c) {
    return (
      <section aria-label="Matrix at the cursor">
        <h2>At the cursor</h2>
        <p class="caption">Put the cursor in a matrix literal (Python, JS/TS, JSON, MATLAB, Julia).</p>
      </section>
    );
  }
  const label = (
    <p class="caption" data-testid="cursor-label">
      {c.label}
    </p>
  );
  // A state saved before literals were sent whole has the matrix only.
  const tensor = c.tensor ?? (c.matrix && { shape: [c.matrix.length, c.matrix[0].length], data: c.matrix.flat() });
  if (!tensor) {
    return (
      <section aria-label="Matrix at the cursor">
        <h2>At the cursor</h2>
        {label}
        <p class="warning" data-testid="cursor-problem">
          {c.problem ?? 'not a matrix'}
        </p>
      </section>
    );
  }
  // The label is "file:line shape": the panels name the place (and the plane) only.
  const place = c.label.replace(/ \d+(×\d+)*( \(.*\))?$/, '');
  // The plane is remembered for this array: the same place and shape (another literal starts on its first matrix).
  const of = `${place} ${tensor.shape.join('×')}`;
  return (
    <TensorView
      tensor={tensor}
      name={place}
      title="At the cursor"
      subtitle={label}
      testid="cursor"
      selection={planeFor(s.planes.cursor, of)}
      onSelect={(sel) => set({ planes: { ...s.planes, cursor: { ...sel, of } } })}
      onUse={use}
      useIds={{ X: 'use-x', K: 'use-k' }}
    />
  );
}

/** A matrix with its shape: a grid and a small heat map, or only the heat map when it is large. */
function MatrixBlock({ title, M, testid }: { title: string; M: Matrix; testid: string }) {
  const big = M.length > MAX_GRID || M[0].length > MAX_GRID;
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const flat = M.flat();
    if (ref.current) drawHeat(ref.current, flat, M.length, M[0].length, heatScale(flat));
  }, [M]);
  const width = `${Math.min(big ? 240 : 80, Math.max(24, M[0].length * (big ? 4 : 12)))}px`;
  const heat = <canvas ref={ref} class="heat" aria-hidden="true" style={{ width }} />;
  return (
    <div>
      <h2>
        {title}{' '}
        <span class="caption" data-testid={`${testid}-shape`}>
          {`${M.length}×${M[0].length}`}
        </span>
      </h2>
      {big ? (
        heat
      ) : (
        <div class="row">
          {/* A 16-column grid is wider than a narrow side bar: it scrolls sideways instead of widening the page. */}
          <div class="scroller">
            <MatrixView M={M} label={title} testid={testid} />
          </div>
          {heat}
        </div>
      )}
    </div>
  );
}

/** Bias, padding, stride and dilation, validated on every keystroke (Y follows the typing). */
function Settings({ s, notes, set }: { s: SidebarState; notes: FieldNotes; set(patch: Partial<SidebarState>): void }) {
  const specs: Array<Omit<NumberSpec, 'set' | 'value'> & { key: 'bias' | 'stride' | 'dilation' }> = [
    { key: 'bias', testid: 'bias', label: 'bias b', whole: false, min: -Infinity },
    { key: 'stride', testid: 'stride', label: 'stride', whole: true, min: 1 },
    { key: 'dilation', testid: 'dilation', label: 'dilation', whole: true, min: 1 },
  ];
  const field = (spec: (typeof specs)[number]) => (
    <Field
      key={spec.key}
      id={spec.testid}
      label={spec.label}
      type="number"
      class="setting"
      range={{ min: spec.whole ? spec.min : undefined, step: spec.whole ? 1 : 'any' }}
      value={s[spec.key]}
      check={(text): Check<number> => {
        const v = readSetting(text, spec);
        return v === undefined ? { ok: false, message: allowedValues(spec) } : { ok: true, value: v };
      }}
      onValue={(v) => set({ [spec.key]: v })}
      notes={notes}
    />
  );
  return (
    <div class="toolbar">
      {field(specs[0])}
      <label>
        padding
        <select
          data-testid="padding"
          aria-label="Padding"
          value={String(s.padding)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set({ padding: v === 'valid' || v === 'same' ? v : Number(v) });
          }}
        >
          {[...new Set(['valid', 'same', '1', '2', String(s.padding)])].map((p) => (
            <option key={p} value={p}>
              {p === 'valid' || p === 'same' ? p : `${p} each side`}
            </option>
          ))}
        </select>
      </label>
      {field(specs[1])}
      {field(specs[2])}
    </div>
  );
}
