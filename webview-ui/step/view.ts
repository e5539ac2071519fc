// The step panel: X, K and Y as grids of numbers, the window moving over X in reading order, the arithmetic of the
// current cell, playback controls, padding/stride/dilation, true convolution, a bias step, and a stacked second
// layer whose output cells show their receptive field on every layer. Y and z are computed with tfjs (`Conv2D` /
// `corr2d` on the chosen backend); the arithmetic and geometry come from the plain core.
import { memory } from '@tensorflow/tfjs-core';
import { Conv2D } from '../../src/core/tfjs/conv2d-layer';
import { corr2d } from '../../src/core/tfjs/tensor';
import { corr2dReference } from '../../src/core/reference';
import { formatShape, maxAbsDiff, shapeOf, validateMatrix, type Matrix } from '../../src/core/matrix';
import type { Geometry } from '../../src/core/geometry';
import type { BackendChoice } from '../shared/backend';
import { backendBadge } from '../shared/badge';
import { tfjsConvPath } from '../shared/conv-path';
import { fmt, h, replace } from '../shared/dom';
import { errorBox, messageOf } from '../shared/errors';
import { MatrixGrid } from '../shared/grid';
import { saveState } from '../shared/host';
import {
  cellArithmetic,
  fieldsOf,
  makePlan,
  paddedInput,
  sizeFormula,
  stackArithmetic,
  stackGeometry,
  stepArithmetic,
  windowTaps,
  type Cell,
  type Plan,
  type Selection,
} from './model';
import { KERNEL_PRESETS, presetById } from './presets';
import { applyInput, checkShown, type StepInput, type StepState } from './state';
import { cellAt, indexOfCell, initialStepper, stepperReducer, type StepperAction, type StepperState } from './stepper';
import { playerControls, settingsControls, type Controls } from './controls';

/** Milliseconds per step at speed 1×. */
const BASE_MS = 900;

/** The live panel: owns the DOM under `root` and the state it saves. */
export class StepView {
  private stepper: StepperState;
  private hover: Selection | null = null;
  private pinned: Selection | null = null;
  private plan: Plan | undefined;
  private Y: Matrix | undefined;
  private g2: Geometry | undefined;
  private Z: Matrix | undefined;
  private timer: number | undefined;
  private shownErrors = '';

  private readonly xGrid = new MatrixGrid({ label: 'Input X', testid: 'X' });
  private readonly kGrid = new MatrixGrid({ label: 'Kernel K', testid: 'K' });
  private readonly yGrid = new MatrixGrid({
    label: 'Output Y',
    testid: 'Y',
    onHover: (c) => this.onHover('Y', c),
    onClick: (r, c) => this.onPin('Y', r, c),
  });
  private readonly k2Grid = new MatrixGrid({ label: 'Kernel of the second layer', testid: 'K2' });
  private readonly zGrid = new MatrixGrid({
    label: 'Output z of the second layer',
    testid: 'Z',
    onHover: (c) => this.onHover('Z', c),
    onClick: (r, c) => this.onPin('Z', r, c),
  });
  private readonly ui: Controls;
  private readonly errors = h('div', { class: 'step-errors' });
  /** Why the last input from the editor/sidebar was refused (the panel kept its matrices); cleared by the next change. */
  private readonly inputErrors = h('div', { class: 'step-errors', 'data-testid': 'input-error' });
  private readonly stackErrors = h('div');
  private readonly source = h('p', { class: 'caption', 'data-testid': 'source' });
  private readonly captions = {
    X: h('p', { class: 'caption' }),
    K: h('p', { class: 'caption' }),
    Y: h('p', { class: 'caption', 'data-testid': 'y-caption' }),
    Z: h('p', { class: 'caption' }),
  };
  private readonly kTitle = h('h2', {}, 'Kernel K');
  private readonly op = h('span', { class: 'step-op star', 'aria-hidden': 'true' }, '⋆');
  private readonly yCard: HTMLElement;
  private readonly stackBody: HTMLElement;

  constructor(
    root: HTMLElement,
    private s: StepState,
    backend: BackendChoice,
  ) {
    this.stepper = initialStepper(0, s.index);
    this.ui = {
      ...settingsControls({
        onKernel: (id) => this.setKernel(id),
        onMode: (conv) => this.change({ mode: conv ? 'convolution' : 'correlation' }, true),
        onBias: (b) => this.change({ bias: b }, true),
        onPadding: (p) => this.change({ padding: p }, false),
        onStride: (n) => this.change({ stride: n }, false),
        onDilation: (n) => this.change({ dilation: n }, false),
        onStack: (on) => this.change({ stack: on }, true),
        current: () => ({ bias: this.s.bias, stride: this.s.stride, dilation: this.s.dilation }),
      }),
      ...playerControls({
        onAction: (a) => this.dispatch(a),
        onSpeed: (x) => {
          this.s = { ...this.s, speed: x };
          this.stopTimer();
          this.syncTimer();
          this.save();
        },
      }),
    };
    this.yCard = card('Output Y', this.yGrid.el, this.captions.Y);
    this.stackBody = h(
      'div',
      { class: 'step-grids' },
      card('Kernel of layer 2', this.k2Grid.el, h('p', { class: 'caption' }, 'slid over Y (valid, stride 1)')),
      card('Output z', this.zGrid.el, this.captions.Z),
    );
    replace(
      root,
      h(
        'div',
        { class: 'step-header' },
        h('h1', {}, 'Step Cross-Correlation'),
        backendBadge(
          backend,
          tfjsConvPath(backend.backend, 'Y is computed by TensorFlow.js (padding, stride, dilation)'),
        ),
      ),
      this.source,
      this.inputErrors,
      this.errors,
      h('div', { class: 'toolbar step-toolbar' }, this.ui.kernelLabel, this.ui.modeLabel, this.ui.biasLabel),
      h('div', { class: 'toolbar step-toolbar' }, this.ui.paddingLabel, this.ui.strideLabel, this.ui.dilationLabel),
      this.ui.settingsNote,
      this.ui.formula,
      h(
        'div',
        { class: 'step-grids' },
        h('div', { class: 'step-card' }, h('h2', {}, 'Input X'), this.xGrid.el, this.captions.X),
        h(
          'div',
          { class: 'step-pair' },
          this.op,
          h('div', { class: 'step-card' }, this.kTitle, this.kGrid.el, this.captions.K),
        ),
        h('div', { class: 'step-pair' }, h('span', { class: 'step-op', 'aria-hidden': 'true' }, '='), this.yCard),
      ),
      h('div', { class: 'step-arith' }, this.ui.label, this.ui.arith),
      this.ui.player,
      h(
        'fieldset',
        { class: 'step-stack' },
        h('legend', {}, this.ui.stackLabel),
        this.stackErrors,
        this.stackBody,
        h(
          'p',
          { class: 'caption' },
          'Receptive field (d2l §7.2.6): every cell of X and Y that an output cell depends on. ' +
            'Point at or click a cell of Y or z to see it on every layer.',
        ),
      ),
    );
    window.addEventListener('keydown', (e) => this.onKey(e));
    this.syncControls();
    this.recompute(true);
  }

  /**
   * New matrices (and settings) from the editor, a hover link or the sidebar: show them from step 0. A refused input
   * (e.g. a 200×200 X) is shown as an error and changes nothing else: the panel keeps its matrices and saved state.
   */
  setInput(input: StepInput): void {
    let next: StepState;
    try {
      next = applyInput(this.s, input);
    } catch (e) {
      replace(this.inputErrors, errorBox(`${messageOf(e)}. The panel keeps its previous matrices and settings.`));
      return;
    }
    replace(this.inputErrors);
    this.s = next;
    this.hover = this.pinned = null;
    this.syncControls();
    this.recompute(false);
  }

  private setKernel(id: string): void {
    const K = id === 'input' ? this.s.inputK : presetById(id)?.kernel();
    if (K) this.change({ kernelId: id, K }, false);
  }

  /** Applies a settings change; `keepCell` keeps the animation on the same output cell when the shape allows. */
  private change(patch: Partial<StepState>, keepCell: boolean): void {
    this.s = { ...this.s, ...patch };
    this.pinned = this.hover = null;
    replace(this.inputErrors);
    this.recompute(keepCell);
  }

  // ---- computing ------------------------------------------------------------------------------------------------

  private recompute(keepCell: boolean): void {
    const before = this.plan ? cellAt(this.stepper.index, this.plan.geom.outW, this.plan.withBias) : undefined;
    const errs: string[] = [];
    this.plan = this.Y = this.g2 = this.Z = undefined;
    let refDiff: number | undefined;
    try {
      checkShown('X', this.s.X);
      checkShown('K', this.s.K);
      this.plan = makePlan({ ...this.s, bias: this.s.bias });
      this.Y = new Conv2D(this.plan.applied, this.s.bias ?? 0).forward(this.s.X, this.plan.opts);
      const ref = corr2dReference(this.s.X, this.plan.applied, this.plan.opts).map((row) =>
        row.map((v) => v + (this.s.bias ?? 0)),
      );
      refDiff = maxAbsDiff(this.Y, ref);
    } catch (e) {
      errs.push(messageOf(e));
    }
    this.computeStack();
    // Every tfjs call above is tidied: the count stays at 0 (the end-to-end test reads it).
    this.captions.Y.dataset.numTensors = String(memory().numTensors);
    this.showErrors(errs);
    const count = this.plan?.steps ?? 0;
    let index = this.s.index;
    if (before && this.plan) {
      const { outH, outW } = this.plan.geom;
      index =
        keepCell && before.i < outH && before.j < outW ? indexOfCell(before.i, before.j, outW, this.plan.withBias) : 0;
    }
    this.stepper = { ...initialStepper(count, index), playing: this.stepper.playing && count > 1 };
    this.syncTimer();
    this.renderGrids(refDiff);
    this.renderFocus();
  }

  private computeStack(): void {
    replace(this.stackErrors);
    this.stackBody.hidden = !this.s.stack || !this.Y;
    if (!this.s.stack || !this.Y) return;
    try {
      validateMatrix('stack', 'K2', this.s.K2);
      this.g2 = stackGeometry(this.Y, this.s.K2);
      this.Z = corr2d(this.Y, this.s.K2);
    } catch (e) {
      this.g2 = this.Z = undefined;
      replace(this.stackErrors, errorBox(`second layer: ${messageOf(e)}`));
    }
  }

  private showErrors(errs: string[]): void {
    const text = errs.join('\n');
    if (text === this.shownErrors) return;
    this.shownErrors = text;
    replace(this.errors, ...errs.map((m) => errorBox(m)));
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  private renderGrids(refDiff: number | undefined): void {
    const { plan, s } = this;
    const conv = s.mode === 'convolution';
    const shownX = plan ? paddedInput(s.X, plan.geom) : { M: safeMatrix(s.X), pad: [] as Cell[] };
    this.xGrid.set(shownX.M);
    this.xGrid.highlight(shownX.pad, 'pad');
    this.kGrid.set(plan ? plan.applied : safeMatrix(s.K));
    this.kTitle.textContent = conv ? 'Kernel K, flipped' : 'Kernel K';
    this.op.textContent = conv ? '∗' : '⋆';
    this.op.title = conv ? 'true convolution' : 'cross-correlation';
    this.captions.X.textContent =
      `${formatShape(shapeOf(safeMatrix(s.X)))}` +
      (plan && shownX.pad.length ? `, shown with ${padText(plan.geom)} of zero padding (dashed)` : '');
    this.captions.K.textContent =
      `${formatShape(shapeOf(safeMatrix(s.K)))}` +
      (conv
        ? ` — true convolution slides K flipped top-bottom and left-right; K as given: ${matrixText(s.K)}`
        : ' — cross-correlation slides K as given');
    this.yGrid.set(this.Y ?? []);
    this.yCard.hidden = !this.Y;
    if (plan && this.Y) {
      const bias = s.bias !== undefined ? ` + ${fmt(s.bias)}` : '';
      this.captions.Y.textContent =
        `${formatShape([plan.geom.outH, plan.geom.outW])} = X ${conv ? '∗' : '⋆'} K${bias}, ` +
        `computed by TensorFlow.js conv2d; max |difference| to the float64 loop: ${fmt(refDiff ?? 0)}`;
    }
    replace(
      this.ui.formula,
      ...(plan ? ['Output size (d2l §7.3):', ...sizeFormula(plan.geom)].map((l) => h('div', {}, l)) : []),
    );
    this.k2Grid.set(s.K2);
    this.zGrid.set(this.Z ?? []);
    this.captions.Z.textContent = this.Z
      ? `${formatShape(shapeOf(this.Z))} = Y ⋆ K₂, computed by TensorFlow.js conv2d`
      : '';
    this.ui.scrub.max = String(Math.max(0, this.stepper.count - 1));
    for (const el of [this.ui.play, this.ui.pause, this.ui.back, this.ui.forward, this.ui.scrub]) el.disabled = !plan;
  }

  /** Highlights and text for the cell in focus: the hovered cell, else the pinned one, else the current step's. */
  private renderFocus(): void {
    const { plan, Y } = this;
    const st = this.stepper;
    this.ui.scrub.value = String(st.index);
    this.ui.play.disabled = !plan || st.playing || st.count <= 1;
    this.ui.pause.disabled = !st.playing;
    this.ui.back.disabled = !plan || st.index === 0;
    this.ui.forward.disabled = !plan || st.index >= st.count - 1;
    this.save();
    if (!plan || !Y) {
      for (const g of [this.xGrid, this.yGrid, this.zGrid])
        ['hl', 'field', 'pin', 'future'].forEach((c) => g.highlight([], c));
      this.ui.arith.textContent = '';
      this.ui.label.textContent = 'No output to step through.';
      return;
    }
    const g = plan.geom;
    const step = cellAt(st.index, g.outW, plan.withBias);
    const focus: Selection = this.hover ?? this.pinned ?? { layer: 'Y', i: step.i, j: step.j };
    const onStep = !this.hover && !this.pinned;
    const stepCell = step.i * g.outW + step.j;
    const future: Cell[] = [];
    for (let i = 0; i < g.outH; i++)
      for (let j = 0; j < g.outW; j++) if (i * g.outW + j > stepCell) future.push([i, j]);
    this.yGrid.highlight(onStep ? future : [], 'future');
    const valid = focus.layer === 'Y' || (this.g2 !== undefined && this.Z !== undefined);
    const sel = valid ? focus : { layer: 'Y' as const, i: step.i, j: step.j };
    const fields = fieldsOf(sel, g, this.g2);
    this.xGrid.highlight(sel.layer === 'Y' ? windowTaps(g, sel.i, sel.j) : [], 'hl');
    this.xGrid.highlight(sel.layer === 'Z' ? fields.X : [], 'field');
    this.yGrid.highlight(sel.layer === 'Y' ? [[sel.i, sel.j]] : [], 'hl');
    this.yGrid.highlight(fields.Y, 'field');
    this.zGrid.highlight(sel.layer === 'Z' ? [[sel.i, sel.j]] : [], 'hl');
    this.yGrid.highlight(this.pinned?.layer === 'Y' ? [[this.pinned.i, this.pinned.j]] : [], 'pin');
    this.zGrid.highlight(this.pinned?.layer === 'Z' ? [[this.pinned.i, this.pinned.j]] : [], 'pin');
    // Enter on a focused cell pins the cell it points at: that reads as pinned, not as pointed at.
    const onPinned = this.pinned !== null && (!this.hover || sameCell(this.hover, this.pinned));
    const where = onPinned ? 'pinned — click it or press Enter again to unpin' : this.hover ? 'pointed at' : '';
    if (sel.layer === 'Z' && this.Z) {
      this.ui.label.textContent = `z[${sel.i}, ${sel.j}] (${where}): receptive field ${fields.Y.length} cells of Y, ${fields.X.length} of X`;
      this.ui.arith.textContent = stackArithmetic(Y, this.s.K2, sel.i, sel.j);
    } else if (onStep) {
      const phase = step.phase === 'bias' ? ' — add the bias b' : '';
      this.ui.label.textContent = `Step ${st.index + 1} of ${st.count}: Y[${step.i}, ${step.j}]${phase}`;
      this.ui.arith.textContent = stepArithmetic(this.s.X, plan, step, this.s.bias);
    } else {
      this.ui.label.textContent = `Y[${sel.i}, ${sel.j}] (${where})`;
      this.ui.arith.textContent = cellArithmetic(this.s.X, plan, sel.i, sel.j, this.s.bias);
    }
  }

  // ---- interaction ----------------------------------------------------------------------------------------------

  private dispatch(a: StepperAction): void {
    if (a.type !== 'tick' && a.type !== 'pause') this.pinned = null;
    this.stepper = stepperReducer(this.stepper, a);
    this.syncTimer();
    this.renderFocus();
  }

  private onHover(layer: 'Y' | 'Z', cell: [number, number] | null): void {
    this.hover = cell ? { layer, i: cell[0], j: cell[1] } : null;
    this.renderFocus();
  }

  private onPin(layer: 'Y' | 'Z', i: number, j: number): void {
    const p = this.pinned;
    const cell: Selection = { layer, i, j };
    this.pinned = p && sameCell(p, cell) ? null : cell;
    if (this.pinned) this.dispatch({ type: 'pause' });
    this.renderFocus();
  }

  // Space plays/pauses and the arrow keys step, unless a control or grid has the keyboard.
  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if (t && t !== document.body && t.closest('input, select, button, td, textarea')) return;
    const actions: Record<string, StepperAction> = {
      ArrowRight: { type: 'forward' },
      ArrowLeft: { type: 'back' },
      ' ': { type: this.stepper.playing ? 'pause' : 'play' },
      Home: { type: 'seek', index: 0 },
      End: { type: 'seek', index: this.stepper.count - 1 },
    };
    const a = actions[e.key];
    if (a && this.plan) {
      this.dispatch(a);
      e.preventDefault();
    }
  }

  private syncTimer(): void {
    if (this.stepper.playing && this.timer === undefined) {
      this.timer = window.setInterval(() => this.dispatch({ type: 'tick' }), BASE_MS / this.s.speed);
    } else if (!this.stepper.playing) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Puts the controls in line with the state (after init, a restore or new input). */
  private syncControls(): void {
    const { s, ui } = this;
    const options = [
      ...(s.inputK ? [{ id: 'input', label: `From the editor: K ${formatShape(shapeOf(safeMatrix(s.inputK)))}` }] : []),
      ...KERNEL_PRESETS.map((p) => ({ id: p.id, label: p.label })),
    ];
    replace(ui.kernel, ...options.map((o) => h('option', { value: o.id, selected: o.id === s.kernelId }, o.label)));
    ui.kernel.value = s.kernelId;
    ui.mode.checked = s.mode === 'convolution';
    ui.bias.value = s.bias === undefined ? '' : String(s.bias);
    ui.padding.value = String(s.padding === 0 ? 'valid' : s.padding);
    ui.stride.value = String(s.stride);
    ui.dilation.value = String(s.dilation);
    ui.stack.checked = s.stack;
    ui.speed.value = String(s.speed);
    ui.clearInvalid();
    const from = s.source
      ? `Matrices from ${s.source}.`
      : 'X and K of Dive into Deep Learning §7.2, Fig. 7.2.1 (formerly Fig. 5.1), unless matrices come from the editor.';
    this.source.textContent = s.kernelId !== 'input' && s.source ? `${from} X only: pick a kernel below.` : from;
  }

  private save(): void {
    saveState({ ...this.s, index: this.stepper.index });
  }
}

function card(title: string, grid: HTMLElement, caption: HTMLElement): HTMLElement {
  return h('div', { class: 'step-card' }, h('h2', {}, title), grid, caption);
}

/** A matrix the grid can show: itself when valid and small, else nothing. */
function safeMatrix(M: Matrix): Matrix {
  try {
    checkShown('M', M);
    return M;
  } catch {
    return [];
  }
}

function padText(g: Geometry): string {
  const sides = [g.padTop, g.padBottom, g.padLeft, g.padRight];
  return sides.every((p) => p === sides[0])
    ? `${sides[0]} row/column`
    : `${g.padTop}/${g.padBottom} rows, ${g.padLeft}/${g.padRight} columns`;
}

function matrixText(M: Matrix): string {
  return `[${M.map((row) => `[${row.map(fmt).join(', ')}]`).join(', ')}]`;
}

function sameCell(a: Selection, b: Selection): boolean {
  return a.layer === b.layer && a.i === b.i && a.j === b.j;
}
