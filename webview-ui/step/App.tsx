// The step panel: X, K and Y as grids (a canvas above 32 cells a side), the window moving over X in reading order,
// the arithmetic of the current cell, playback, padding/stride/dilation, true convolution, a bias step, and a stacked
// second layer whose output cells show their receptive field on every layer. Y and z come from tfjs (compute.ts);
// geometry and arithmetic from the plain core. Its transposed mode (d2l §14.10) steps input cells instead, each
// scattering x·K into running sums (TransposedGrids); the matrix view shows either as W·vec(X) = vec(Y).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  SIZE_FORMULA,
  sizeFormulaLines,
  TRANSPOSED_SIZE_FORMULA,
  transposedSizeFormulaLines,
} from '../../src/core/formula';
import { Badge } from '../shared/components/Badge';
import { MaybeError } from '../shared/components/ErrorBox';
import { ExportBar } from '../shared/components/ExportBar';
import { FieldNotes, NotesView } from '../shared/components/fields';
import { tfjsConvPath } from '../shared/conv-path';
import { post } from '../shared/host';
import type { ViewContext } from '../shared/start';
import { computeStep } from './compute';
import { stepExport } from './export';
import { NOTE_ID, Player, Settings } from './Controls';
import { focusOf, sameCell } from './focus';
import { Grids, Stack, type ShownX } from './Grids';
import { channelsRead, makePlan, paddedInput, type Plan, type Selection } from './model';
import type { Volume } from '../../src/core/volume';
import { presetById } from './presets';
import {
  applyExample,
  cOutOf,
  editSetting,
  regroup,
  regroupTransposed,
  setupCaption,
  switchOperation,
  type Setting,
  type StepState,
} from './state';
import { cellAt, indexOfCell, initialStepper, stepperReducer, type StepperAction } from './stepper';
import { t } from '../shared/l10n';
import { computeTransposed } from './transposed-compute';
import { transposedFocus } from './transposed-focus';
import { shownOutput } from './transposed';
import { TransposedGrids } from './TransposedGrids';
import { MatrixSection } from './MatrixSection';
import { columnsOfCell, forwardMatrix, rowOfCell, transposedMatrix } from './matrix';

/** Milliseconds per step at speed 1×. */
const BASE_MS = 900;

/** Every channel of X with its zero padding written in, and the padding cells (as the plan's geometry says). */
function paddedChannels(X: Volume, plan: Plan | undefined): ShownX {
  if (!plan) return { M: X, pad: [] };
  const padded = X.map((M) => paddedInput(M, plan.geom));
  return { M: padded.map((p) => p.M), pad: padded[0].pad };
}

/** Steps of a state's forward plan (undefined when it does not compute or is transposed). */
function stepsOf(s: StepState): { count: number; outW: number; withBias: boolean } | undefined {
  if (s.mode === 'transposed') return undefined;
  try {
    const p = makePlan({ ...s, mode: s.mode, bias: s.bias });
    return { count: p.steps, outW: p.geom.outW, withBias: p.withBias };
  } catch {
    return undefined;
  }
}

/**
 * `next` with its step index: on the same output cell as in `prev` when `keepCell` and the shape allows, else 0. The
 * transposed convolution steps input cells, which no setting moves: the same step while X stays (its bias step may go).
 */
function reindex(prev: StepState, next: StepState, keepCell: boolean): StepState {
  if (prev.mode === 'transposed' && next.mode === 'transposed') {
    const cells = next.X[0].length * next.X[0][0].length;
    return { ...next, index: Math.min(next.index, cells - 1 + (next.bias ? 1 : 0)) };
  }
  const a = stepsOf(prev);
  const b = stepsOf(next);
  if (!a || !b) return { ...next, index: 0 };
  const cell = cellAt(prev.index, a.outW, a.withBias);
  const rows = b.count / b.outW / (b.withBias ? 2 : 1);
  const index = keepCell && cell.i < rows && cell.j < b.outW ? indexOfCell(cell.i, cell.j, b.outW, b.withBias) : 0;
  return { ...next, index };
}

export function StepApp({ ctx }: { ctx: ViewContext<StepState> }) {
  const { store } = ctx;
  const s = store.state.value;
  const transposed = s.mode === 'transposed';
  const deps = [s.X, s.K, s.mode, s.bias, s.padding, s.stride, s.dilation, s.groups, s.out, s.outputPadding];
  const r = useMemo(() => (transposed ? undefined : computeStep(s)), [...deps, s.stack, s.K2]);
  const tr = useMemo(() => (transposed ? computeTransposed(s) : undefined), deps);
  const [playing, setPlaying] = useState(false);
  const [hover, setHover] = useState<Selection | null>(null);
  const [pinned, setPinned] = useState<Selection | null>(null);
  const notes = useMemo(() => new FieldNotes(), []);
  const count = (transposed ? tr?.plan?.steps : r?.plan?.steps) ?? 0;
  const computed = Boolean(transposed ? tr?.plan : r?.plan);
  const stepper = initialStepper(count, s.index);
  // The panel's title in each mode, in the display language; the host puts it on the tab.
  const title = transposed ? t('Step Transposed Convolution') : t('Step Cross-Correlation');

  // The tab follows the mode (the host sets the panel's title from this message).
  useEffect(() => post({ type: 'title', title }), [title]);

  const act = (a: StepperAction) => {
    if (a.type !== 'tick' && a.type !== 'pause') setPinned(null);
    const next = stepperReducer({ ...stepper, playing }, a);
    setPlaying(next.playing);
    if (next.index !== s.index) store.set({ index: next.index });
  };
  const change = (patch: Partial<StepState>, keepCell: boolean, setting?: Setting) => {
    setPinned(null);
    setHover(null);
    ctx.inputError.value = undefined;
    store.update((prev) =>
      reindex(prev, setting ? editSetting(prev, patch, setting) : { ...prev, ...patch }, keepCell),
    );
  };

  // The timer and the keys call the newest `act` (the one of the last render).
  const latestAct = useRef(act);
  latestAct.current = act;
  // The timer of play; a new speed restarts it. A setting that leaves nothing to step stops it.
  useEffect(() => {
    if (!playing) return;
    if (count <= 1) return setPlaying(false);
    const timer = window.setInterval(() => latestAct.current({ type: 'tick' }), BASE_MS / s.speed);
    return () => window.clearInterval(timer);
  }, [playing, s.speed, count]);
  // Space plays/pauses and the arrow keys step, unless a control or grid has the keyboard.
  const keys = useRef({ playing, count, ok: computed });
  keys.current = { playing, count, ok: computed };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && target !== document.body && target.closest('input, select, button, td, textarea, canvas')) return;
      const k = keys.current;
      const actions: Record<string, StepperAction> = {
        ArrowRight: { type: 'forward' },
        ArrowLeft: { type: 'back' },
        ' ': { type: k.playing ? 'pause' : 'play' },
        Home: { type: 'seek', index: 0 },
        End: { type: 'seek', index: k.count - 1 },
      };
      const a = actions[e.key];
      if (a && k.ok) {
        latestAct.current(a);
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const pin = (layer: 'Y' | 'Z') => (i: number, j: number) => {
    const cell: Selection = { layer, i, j };
    const next = pinned && sameCell(pinned, cell) ? null : cell;
    setPinned(next);
    if (next) setPlaying(false);
  };
  const point = (layer: 'Y' | 'Z') => (c: readonly [number, number] | null) =>
    setHover(c ? { layer, i: c[0], j: c[1] } : null);
  const caption = setupCaption(s);
  const body = transposed ? transposedBody() : forwardBody();

  function forwardBody() {
    if (!r) return undefined;
    const shownX = paddedChannels(s.X, r.plan);
    const focus =
      r.plan && r.Y
        ? focusOf({
            ...r,
            plan: r.plan,
            Y: r.Y,
            X: s.X,
            bias: s.bias,
            K2: s.K2,
            index: stepper.index,
            count,
            hover,
            pinned,
            pad: shownX.pad,
          })
        : undefined;
    const plan = r.plan;
    const sel =
      hover ?? pinned ?? (plan ? { layer: 'Y', ...cellAt(stepper.index, plan.geom.outW, plan.withBias) } : null);
    const matrix = s.matrix && plan ? forwardMatrix(plan, channelsRead(plan)) : undefined;
    return {
      error: r.error,
      formula: plan ? [`Output size: ${SIZE_FORMULA}`, ...sizeFormulaLines(plan.geom)] : [],
      focus,
      matrix,
      row: matrix && sel?.layer === 'Y' ? rowOfCell(matrix, sel.i, sel.j) : -1,
      cols: [] as number[],
      grids: (
        <Grids
          s={s}
          r={r}
          focus={focus}
          shownX={shownX}
          onHover={point('Y')}
          onClick={pin('Y')}
          onOut={(o) => change({ out: o }, true)}
        />
      ),
    };
  }

  function transposedBody() {
    if (!tr) return undefined;
    const plan = tr.plan;
    const focus = plan
      ? transposedFocus({ plan, X: s.X, K: s.K, bias: s.bias, index: stepper.index, hover, pinned })
      : undefined;
    const matrix = s.matrix && plan ? transposedMatrix(plan, s.K) : undefined;
    return {
      error: tr.error,
      formula: plan ? [`Output size: ${TRANSPOSED_SIZE_FORMULA}`, ...transposedSizeFormulaLines(plan.geom)] : [],
      focus,
      matrix,
      row: matrix && focus?.cell ? rowOfCell(matrix, focus.cell[0], focus.cell[1]) : -1,
      cols: matrix && focus?.input ? columnsOfCell(matrix, focus.input[0], focus.input[1]) : [],
      grids:
        plan && focus ? (
          <TransposedGrids
            s={s}
            t={tr}
            plan={plan}
            shown={shownOutput(s.X, s.K, plan, s.bias, stepper.index)}
            focus={focus}
            onHover={point('Y')}
            onClick={pin('Y')}
            onOut={(o) => change({ out: o }, true)}
          />
        ) : undefined,
    };
  }

  return (
    <>
      <div class="step-header">
        <h1 data-testid="title">{title}</h1>
        <Badge
          choice={ctx.backend}
          conv={tfjsConvPath(
            ctx.backend.backend,
            transposed
              ? 'Y is computed by TensorFlow.js conv2dTranspose (padding, stride, dilation, output padding)'
              : 'Y is computed by TensorFlow.js (padding, stride, dilation)',
          )}
        />
      </div>
      <p class="caption" data-testid="source">
        {caption.matrices}
      </p>
      <p class="caption" data-testid="setup">
        {caption.settings}
      </p>
      <div class="step-errors" data-testid="input-error">
        <MaybeError
          message={
            ctx.inputError.value && `${ctx.inputError.value}. The panel keeps its previous matrices and settings.`
          }
          testid="input-refused"
        />
      </div>
      <MaybeError message={body?.error} />
      <Settings
        s={s}
        notes={notes}
        on={{
          operation: (on) => {
            setPinned(null);
            setHover(null);
            setPlaying(false);
            ctx.inputError.value = undefined;
            store.update((prev) => switchOperation(prev, on));
          },
          example: (id) => {
            setPinned(null);
            setHover(null);
            ctx.inputError.value = undefined;
            store.update((prev) => applyExample(prev, id));
          },
          kernel: (id) => {
            const k = presetById(id)?.kernel();
            // A preset kernel goes to every output and input channel of the bank.
            const K = id === 'input' ? s.inputK : k && s.K.map((bank) => bank.map(() => k.map((row) => [...row])));
            if (K) change({ kernelId: id, K }, false);
          },
          groups: (g) => {
            const K = transposed ? regroupTransposed(s.X, s.K, cOutOf(s), g) : regroup(s.X, s.K, g);
            if (K) change({ groups: g, K, out: 0 }, false, 'groups');
          },
          mode: (c) => change({ mode: c ? 'convolution' : 'correlation' }, true, 'mode'),
          bias: (b) => change({ bias: b }, true, 'bias'),
          padding: (p) => change({ padding: p }, false, 'padding'),
          stride: (n) => change({ stride: n }, false, 'stride'),
          dilation: (n) => change({ dilation: n }, false, 'dilation'),
          outputPadding: (n) => change({ outputPadding: n }, true, 'outputPadding'),
        }}
      />
      <NotesView notes={notes} id={NOTE_ID} testid="settings-error" />
      <div class="step-formula mono caption" data-testid="formula">
        {body?.formula.map((l) => (
          <div key={l}>{l}</div>
        ))}
      </div>
      {body?.grids}
      <div class="step-arith">
        <span class="step-label" data-testid="step-label">
          {body?.focus ? body.focus.label : 'No output to step through.'}
        </span>
        <code class="arith" data-testid="arith">
          {body?.focus?.arith.line ?? ''}
        </code>
        {body?.focus && body.focus.arith.detail.length > 0 && (
          <div class="arith-detail mono" data-testid="arith-detail">
            {body.focus.arith.detail.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </div>
        )}
      </div>
      <Player
        index={stepper.index}
        count={count}
        playing={playing}
        enabled={computed}
        speed={s.speed}
        act={act}
        setSpeed={(x) => store.set({ speed: x })}
      />
      {!transposed && r && (
        <Stack
          s={s}
          Y={r.Y}
          Z={r.Z}
          g2={r.g2}
          error={r.stackError}
          marks={body?.focus && 'Z' in body.focus ? body.focus.Z : undefined}
          onStack={(on) => change({ stack: on }, true)}
          onHover={point('Z')}
          onClick={pin('Z')}
        />
      )}
      <MatrixSection
        open={s.matrix}
        onOpen={(on) => store.set({ matrix: on })}
        m={body?.matrix}
        row={body?.row ?? -1}
        cols={body?.cols ?? []}
        onHoverRow={(c) => setHover(c ? { layer: 'Y', i: c[0], j: c[1] } : null)}
      />
      <ExportBar source={stepExport(s)} />
    </>
  );
}
