// The Learn Kernel panel's DOM: setup controls, the stability check, play/pause/step/reset, the kernel and Ŷ beside
// their targets, the loss chart and the per-step table. State (settings and the run so far) is saved after every change.
import { memory } from '@tensorflow/tfjs-core';
import { FastKernelLearner } from '../../src/core/fast';
import { KernelLearner } from '../../src/core/tfjs/learn';
import { corr2dReference } from '../../src/core/reference';
import { maxAbsDiff, mapMatrix, type Matrix } from '../../src/core/matrix';
import type { LearnOptions, StepRecord } from '../../src/core/learn-reference';
import type { PanelInput } from '../../src/protocol/messages';
import type { BackendChoice } from '../shared/backend';
import { backendBadge } from '../shared/badge';
import { tfjsConvPath, type ConvPathChoice } from '../shared/conv-path';
import { h, replace } from '../shared/dom';
import { errorBox, messageOf } from '../shared/errors';
import { MatrixGrid } from '../shared/grid';
import { post, saveState } from '../shared/host';
import { LossChart, adoptCss } from './chart';
import { RunController, lossText, statusText, type RunSnapshot, type RunStatus, type Stepper } from './controller';
import { kernelText, num5 } from './format';
import { drawMatrix, loadPhoto, PHOTO_SIZE } from './photo';
import {
  applyInput,
  buildSetup,
  defaultSettings,
  PHOTO_STEPS,
  PRESETS,
  restoreSettings,
  stabilityText,
  type LearnSettings,
  type PresetName,
  type Setup,
} from './setup';
import learnCss from './learn.css';
import { checkField, parseDecimal, type FieldId } from './validate';

/** What the view saves: its settings, the run so far, the photo to reload. */
export interface SavedLearnState {
  settings: unknown;
  records?: StepRecord[];
  status?: RunStatus;
  photo?: { uri: string; name: string };
  /** The run was playing when the page was discarded (tab hidden or window reloaded): it is paused, say why. */
  interrupted?: boolean;
}

/** Delay between animated steps: slow enough to watch the book's 10 steps, none for a photo's hundreds. */
const DELAY_MS = { book: 150, photo: 0 };

/** The panel. `init` renders it; every control edits `settings`, rebuilds the run and saves the state. */
export class LearnView {
  private settings: LearnSettings = defaultSettings();
  private backend: BackendChoice | undefined;
  private photo: { X: Matrix; uri: string; name: string } | null = null;
  private setup: Setup | null = null;
  private controller: RunController | null = null;
  private readonly chart: LossChart;
  private readonly slots = {
    header: h('div'),
    mode: h('div', { class: 'learn-mode', role: 'radiogroup', 'aria-label': 'experiment' }),
    controls: h('div', { class: 'learn-setup' }),
    check: h('div'),
    errors: h('div'),
    buttons: h('div', { class: 'toolbar' }),
    status: h('div', { class: 'status', 'data-testid': 'status', role: 'status' }),
    panels: h('div'),
    final: h('div', { class: 'final' }),
    records: h('div', { class: 'records-wrap' }),
    footer: h('div', { class: 'footer' }),
  };
  private K = new MatrixGrid({ label: 'learned kernel K', testid: 'K' });
  private target = new MatrixGrid({ label: 'target kernel', testid: 'K-target' });
  private yhat = new MatrixGrid({ label: 'prediction Ŷ', testid: 'Yhat' });
  private Y = new MatrixGrid({ label: 'target Y', testid: 'Y' });
  private bias = h('span', { 'data-testid': 'bias' });
  private diff = h('span', { 'data-testid': 'kernel-diff' });
  private canvases = { X: canvas('photo X'), Y: canvas('target Y'), Yhat: canvas('prediction Ŷ') };
  private tbody = h('tbody');
  private initGrid = new MatrixGrid({
    label: 'initial kernel',
    testid: 'K0',
    onEdit: (r, c, v) => this.editInit(r, c, v),
  });
  private initCaption = h('span', { class: 'caption' });
  /** Fields whose text is invalid now, with the sentence saying what is allowed; Play and Step wait for them. */
  private invalid = new Map<FieldId, string>();
  private fieldErrors = h('div', { class: 'error', role: 'alert', 'data-testid': 'field-errors', hidden: true });
  /** A photo saved with the state that could not be loaded again (after a reload the host may not serve it). */
  private lostPhoto: string | null = null;
  /** True after a restore of a run that was playing, until the user acts. */
  private interrupted = false;

  constructor(private readonly root: HTMLElement) {
    adoptCss(learnCss);
    this.chart = new LossChart(true);
    decimalOnly(this.initGrid.el);
    window.addEventListener('pagehide', () => this.controller?.dispose());
  }

  /** First render: saved state wins, then the host's input (a hover link's K is the target), then the defaults. */
  async init(input: PanelInput, state: SavedLearnState | undefined, backend: BackendChoice): Promise<void> {
    this.backend = backend;
    this.settings = state ? restoreSettings(state.settings) : applyInput(defaultSettings(), input);
    this.layout();
    if (state?.photo) await this.reloadPhoto(state.photo);
    this.interrupted = state?.interrupted === true && state.status === 'paused';
    this.configure({ records: state?.records, status: state?.status });
  }

  /** New matrices from a hover link while the panel is open: K becomes the target; the run restarts. */
  setInput(input: PanelInput): void {
    this.settings = applyInput(this.settings, input);
    this.configure();
  }

  /** An image picked by the user: switch to photo mode and learn from it. */
  async loadImage(uri: string, name: string): Promise<void> {
    try {
      this.photo = { X: await loadPhoto(uri), uri, name };
      this.lostPhoto = null;
      this.settings = {
        ...this.settings,
        mode: 'photo',
        steps: this.settings.mode === 'photo' ? this.settings.steps : PHOTO_STEPS,
      };
    } catch (e) {
      this.showError(messageOf(e));
    }
    this.configure();
  }

  private async reloadPhoto(p: { uri: string; name: string }): Promise<void> {
    try {
      this.photo = { X: await loadPhoto(p.uri), ...p };
      this.lostPhoto = null;
    } catch {
      // After a window reload the image's folder may no longer be readable: say so and ask for it again.
      this.photo = null;
      this.lostPhoto = p.name;
    }
  }

  private layout(): void {
    const s = this.slots;
    replace(
      this.root,
      s.header,
      s.mode,
      s.controls,
      this.fieldErrors,
      s.check,
      s.errors,
      s.buttons,
      s.status,
      s.panels,
      s.final,
      h('div', { class: 'toolbar' }, h('h2', {}, 'Loss per step'), this.logToggle()),
      this.chart.el,
      h('h2', {}, 'Steps'),
      s.records,
      s.footer,
    );
    this.buttons();
  }

  /**
   * Rebuilds the run from the settings (keeping `records` when resuming a saved run) and redraws everything.
   * `keepControls`: a value changed without changing which controls exist — keep the inputs (and their focus).
   */
  private configure(o: { keepControls?: boolean; records?: StepRecord[]; status?: RunStatus } = {}): void {
    this.controller?.dispose();
    this.controller = null;
    replace(this.slots.errors);
    this.setup = null;
    if (this.settings.mode === 'photo' && !this.photo) {
      // Not an error: photo mode simply waits for a picture.
      this.slots.errors.append(
        this.lostPhoto
          ? h(
              'div',
              { class: 'warning', role: 'status', 'data-testid': 'photo-hint' },
              `${this.lostPhoto} could not be loaded again after the panel was restored. Use “Open image…” to pick it again.`,
            )
          : h(
              'p',
              { class: 'caption', 'data-testid': 'photo-hint' },
              'Open an image: it is downscaled to 128×128 grey, filtered with the chosen kernel to make Y, and the kernel is learned back from (X, Y).',
            ),
      );
    } else {
      try {
        this.setup = buildSetup(this.settings, this.photo?.X ?? null);
      } catch (e) {
        this.showError(messageOf(e));
      }
    }
    this.renderHeader();
    this.renderMode();
    if (!o.keepControls) this.renderControls();
    // Shown to 4 significant digits so a cell fits ("0.1235", not a cut-off "0.12345678"); the run keeps full precision.
    this.initGrid.set(roundMatrix(this.setup?.options.initKernel ?? startShape(this.settings)));
    this.initCaption.textContent = this.settings.initKernel
      ? 'initial kernel (typed) '
      : 'initial kernel (random from seed) ';
    const setup = this.setup;
    if (setup) {
      this.controller = new RunController(
        { options: setup.options, delayMs: DELAY_MS[this.settings.mode] },
        (opts) => this.makeLearner(opts),
        (snap) => this.show(snap),
        (f, ms) => {
          const t = setTimeout(f, ms);
          return () => clearTimeout(t);
        },
        o.records,
        o.status,
      );
    }
    this.renderCheck();
    this.renderPanels();
    replace(this.tbody);
    if (this.controller) this.show(this.controller.snapshot());
    else {
      this.enableButtons('finished');
      this.save(null);
    }
  }

  /**
   * Photo mode on a CPU-bound machine steps on the fast engine (wasm SIMD: hundreds of steps/s where tfjs manages
   * one or two); the book's small case and GPU machines keep tfjs's KernelLearner.
   */
  private makeLearner(opts: LearnOptions): Stepper {
    const engine = this.settings.mode === 'photo' ? this.backend?.engine() : undefined;
    return engine ? new FastKernelLearner(opts, engine) : new KernelLearner(opts);
  }

  /** The path this view's learning actually runs on (see `makeLearner`), for the badge. */
  private convPath(): ConvPathChoice | undefined {
    if (!this.backend) return undefined;
    if (this.settings.mode === 'photo' && this.backend.engine()) return this.backend.conv;
    return tfjsConvPath(this.backend.backend, 'the book experiment learns with TensorFlow.js gradients');
  }

  private renderHeader(): void {
    const src = this.settings.source;
    replace(
      this.slots.header,
      h('div', { class: 'toolbar' }, h('h1', {}, 'Learn Kernel'), backendBadge(this.backend, this.convPath())),
      h(
        'p',
        { class: 'caption' },
        'Plain gradient descent on the summed squared error L = Σ(corr2d(X, K) + b − Y)², ',
        'Y = corr2d(X, target) (Dive into Deep Learning §7.2.4 “Learning a Kernel”).',
        src ? ` Target from ${src}.` : '',
      ),
    );
  }

  private renderMode(): void {
    const radio = (mode: LearnSettings['mode'], text: string) =>
      h(
        'label',
        {},
        h('input', {
          type: 'radio',
          name: 'mode',
          value: mode,
          checked: this.settings.mode === mode,
          'data-testid': `mode-${mode}`,
          onchange: () => this.update({ mode, steps: mode === 'photo' ? PHOTO_STEPS : defaultSettings().steps }),
        }),
        text,
      );
    replace(this.slots.mode, radio('book', 'Book experiment (6×8 image)'), radio('photo', 'Photo'));
  }

  private renderControls(): void {
    // New inputs show the settings' (valid) values: nothing is invalid any more.
    this.invalid.clear();
    this.showFieldErrors();
    const s = this.settings;
    const common = [
      this.numberInput('steps', 'steps', s.steps, (steps) => this.update({ steps }), 'narrow'),
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          checked: s.useBias,
          'data-testid': 'bias-on',
          onchange: (e) => this.update({ useBias: (e.target as HTMLInputElement).checked }),
        }),
        'bias',
      ),
    ];
    if (s.mode === 'photo') {
      const select = h(
        'select',
        {
          'data-testid': 'preset',
          'aria-label': 'target filter',
          onchange: (e) => this.update({ preset: (e.target as HTMLSelectElement).value as PresetName }),
        },
        ...Object.entries(PRESETS).map(([k, p]) => h('option', { value: k, selected: k === s.preset }, p.label)),
      );
      replace(
        this.slots.controls,
        h(
          'button',
          { class: 'secondary', 'data-testid': 'open-image', onclick: () => post({ type: 'pickImage' }) },
          h('span', { class: 'codicon codicon-folder-opened', 'aria-hidden': 'true' }),
          ' Open image…',
        ),
        h(
          'span',
          { 'data-testid': 'photo-name' },
          this.photo ? `${this.photo.name} → ${PHOTO_SIZE}×${PHOTO_SIZE}, grey, centred` : 'no image yet',
        ),
        h('label', {}, 'Y = X filtered with', select),
        ...common,
      );
      return;
    }
    replace(
      this.slots.controls,
      this.numberInput('lr', 'lr', s.lr, (lr) => this.update({ lr, lrAuto: false })),
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          checked: s.lrAuto,
          'data-testid': 'lr-auto',
          onchange: (e) => this.update({ lrAuto: (e.target as HTMLInputElement).checked }),
        }),
        `lr from the limit (0.9 × lrMax)`,
      ),
      ...common,
      this.numberInput('seed', 'seed', s.seed, (seed) => this.update({ seed, initKernel: null }), 'narrow'),
      h('span', {}, this.initCaption, this.initGrid.el),
      this.numberInput('b0', 'initial bias', s.initBias, (initBias) => this.update({ initBias }), 'narrow'),
    );
  }

  /**
   * A labelled number input, checked on every keystroke: an invalid text is marked, disables Play and Step and is
   * explained under the controls; a valid one is applied when the field is left (change), as before.
   */
  private numberInput(id: FieldId, label: string, value: number, apply: (v: number) => void, cls = ''): HTMLElement {
    const input = h('input', {
      type: 'text',
      inputmode: 'decimal',
      value: String(value),
      'data-testid': id,
      class: cls,
      'aria-label': label,
    });
    const check = () => {
      const r = checkField(id, input.value);
      input.classList.toggle('invalid', !r.ok);
      input.setAttribute('aria-invalid', String(!r.ok));
      input.title = r.ok ? '' : r.message;
      if (r.ok) this.invalid.delete(id);
      else this.invalid.set(id, r.message);
      this.showFieldErrors();
      return r;
    };
    input.addEventListener('input', () => check());
    input.addEventListener('change', () => {
      const r = check();
      if (r.ok) apply(r.value);
    });
    return h('label', {}, label, input);
  }

  private showFieldErrors(): void {
    const messages = [...this.invalid.values()];
    this.fieldErrors.hidden = messages.length === 0;
    replace(
      this.fieldErrors,
      ...messages.flatMap((m, i) => (i ? [h('br'), m] : [m])),
      messages.length ? h('span', { class: 'caption' }, ' — Play and Step wait until this is fixed.') : null,
    );
    this.enableButtons(this.controller?.snapshot().status ?? 'finished');
  }

  private editInit(r: number, c: number, v: number): void {
    const K = (this.setup?.options.initKernel ?? startShape(this.settings)).map((row) => [...row]);
    K[r][c] = v;
    this.settings = { ...this.settings, initKernel: K };
    this.configure({ keepControls: true });
  }

  private update(patch: Partial<LearnSettings>): void {
    const modeChanged = patch.mode !== undefined && patch.mode !== this.settings.mode;
    this.settings = { ...this.settings, ...patch };
    this.configure({ keepControls: !(modeChanged || patch.seed !== undefined || patch.lrAuto !== undefined) });
  }

  private renderCheck(): void {
    if (!this.setup) return replace(this.slots.check);
    const { text, warning } = stabilityText(this.setup);
    replace(
      this.slots.check,
      h(
        'p',
        { class: 'stability' },
        h('span', { 'data-testid': 'stability' }, text),
        ' · ',
        h('span', { 'data-testid': 'lr' }, this.setup.lrNote),
      ),
      warning
        ? h(
            'div',
            { class: 'warning', role: 'alert', 'data-testid': 'stability-warning' },
            h('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }),
            ' ',
            warning,
          )
        : null,
    );
  }

  private buttons(): void {
    const btn = (id: string, icon: string, text: string, f: () => void) =>
      h(
        'button',
        {
          'data-testid': id,
          onclick: () => {
            this.interrupted = false;
            this.guard(f);
          },
        },
        h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }),
        ` ${text}`,
      );
    replace(
      this.slots.buttons,
      btn('play', 'play', 'Play', () => this.controller?.play()),
      btn('pause', 'debug-pause', 'Pause', () => this.controller?.pause()),
      btn('step', 'debug-step-over', 'Step', () => this.controller?.step()),
      btn('reset', 'debug-restart', 'Reset', () => this.controller?.reset()),
    );
  }

  private enableButtons(status: RunStatus): void {
    const ended = status === 'finished' || status === 'converged' || status === 'diverged';
    const set = (id: string, disabled: boolean) => {
      const b = this.slots.buttons.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
      if (b) b.disabled = disabled;
    };
    const blocked = this.invalid.size > 0;
    set('play', ended || status === 'playing' || blocked);
    set('pause', status !== 'playing');
    set('step', ended || blocked);
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.controller?.dispose();
      this.showError(messageOf(e));
    }
  }

  private renderPanels(): void {
    const fig = (caption: string, ...body: (Node | string)[]) => h('figure', {}, h('figcaption', {}, caption), ...body);
    if (!this.setup) return replace(this.slots.panels);
    this.target.set(this.setup.target);
    const kernels = [
      fig('learned kernel K', this.K.el),
      fig('target kernel', this.target.el),
      fig('bias b', h('span', { class: 'mono' }, this.bias)),
      fig('max |K − target|', h('span', { class: 'mono' }, this.diff)),
    ];
    if (this.settings.mode === 'photo') {
      drawMatrix(this.canvases.X, this.setup.options.X);
      drawMatrix(this.canvases.Y, this.setup.options.Y);
      replace(
        this.slots.panels,
        row(...kernels),
        row(
          fig('X (photo)', this.canvases.X),
          fig('Ŷ = corr2d(X, K) + b', this.canvases.Yhat),
          fig('Y = corr2d(X, target)', this.canvases.Y),
        ),
      );
    } else {
      this.Y.set(this.setup.options.Y);
      replace(
        this.slots.panels,
        row(...kernels),
        row(fig('Ŷ = corr2d(X, K) + b', this.yhat.el), fig('Y = corr2d(X, target)', this.Y.el)),
      );
    }
  }

  /** Draws a snapshot of the run: kernel, bias, Ŷ, status, chart, table, final kernel; then saves the state. */
  private show(snap: RunSnapshot): void {
    const setup = this.setup;
    if (!setup) return;
    this.K.set(snap.kernel);
    this.bias.textContent = setup.options.useBias || snap.bias !== 0 ? num5(snap.bias) : '0 (off)';
    this.diff.textContent = num5(maxAbsDiff(snap.kernel, setup.target));
    const yhat = mapMatrix(corr2dReference(setup.options.X, snap.kernel), (v) => v + snap.bias);
    if (this.settings.mode === 'photo') drawMatrix(this.canvases.Yhat, yhat);
    else this.yhat.set(yhat);
    if (snap.status !== 'paused') this.interrupted = false;
    this.slots.status.textContent = this.interrupted
      ? `paused (panel was hidden) at step ${snap.records.length} of ${snap.totalSteps}: Play resumes from here`
      : statusText(snap, setup.options.tolerance);
    this.slots.status.className = `status ended-${snap.status}`;
    this.enableButtons(snap.status);
    this.chart.set(
      snap.records.map((r) => r.step),
      snap.records.map((r) => r.loss),
    );
    this.renderRecords(snap.records);
    this.renderFinal(snap);
    this.slots.footer.textContent = '';
    this.slots.footer.append(
      `${setup.lrNote}; tolerance ${lossText(setup.options.tolerance)}; tensors in memory: `,
      h('span', { 'data-testid': 'num-tensors' }, String(memory().numTensors)),
    );
    this.save(snap);
  }

  private renderRecords(records: StepRecord[]): void {
    if (this.tbody.rows.length > records.length) replace(this.tbody);
    if (this.tbody.rows.length === 0 && !this.slots.records.firstChild) {
      replace(
        this.slots.records,
        h(
          'table',
          { class: 'records', 'data-testid': 'records' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'step'),
              h('th', { scope: 'col' }, 'kernel'),
              h('th', { scope: 'col' }, 'bias'),
              h('th', { scope: 'col' }, 'loss (before the step)'),
            ),
          ),
          this.tbody,
        ),
      );
    }
    for (const r of records.slice(this.tbody.rows.length)) {
      this.tbody.append(
        h(
          'tr',
          {},
          h('td', {}, r.step),
          h('td', {}, kernelText(r.kernel)),
          h('td', {}, num5(r.bias)),
          h(
            'td',
            { 'data-testid': `loss-${r.step}`, 'data-value': String(r.loss), title: String(r.loss) },
            lossText(r.loss),
          ),
        ),
      );
    }
    const wrap = this.slots.records;
    wrap.scrollTop = wrap.scrollHeight;
  }

  private renderFinal(snap: RunSnapshot): void {
    const ended = snap.status === 'finished' || snap.status === 'converged' || snap.status === 'diverged';
    replace(
      this.slots.final,
      ended
        ? h(
            'span',
            {},
            'final kernel: ',
            h(
              'strong',
              { 'data-testid': 'kernel-final', 'data-value': JSON.stringify(snap.kernel) },
              kernelText(snap.kernel),
            ),
            this.setup?.options.useBias ? `, bias ${num5(snap.bias)}` : '',
            ` (target ${kernelText(this.setup?.target ?? [])})`,
          )
        : h('span', { class: 'caption' }, 'The final kernel appears here when the run ends.'),
    );
  }

  private logToggle(): HTMLElement {
    return h(
      'label',
      {},
      h('input', {
        type: 'checkbox',
        checked: this.settings.logScale,
        'data-testid': 'log-scale',
        onchange: (e) => {
          this.settings = { ...this.settings, logScale: (e.target as HTMLInputElement).checked };
          this.chart.setLog(this.settings.logScale);
          if (this.controller) this.show(this.controller.snapshot());
        },
      }),
      'log scale',
    );
  }

  private showError(message: string): void {
    this.slots.errors.append(errorBox(message));
  }

  private save(snap: RunSnapshot | null): void {
    const state: SavedLearnState = {
      settings: this.settings,
      records: snap?.records,
      status: snap?.status === 'playing' ? 'paused' : snap?.status,
      // A hidden panel's page is discarded while playing: the restored page says why the run paused.
      interrupted: snap?.status === 'playing' || (this.interrupted && snap?.status === 'paused'),
      photo: this.photo ? { uri: this.photo.uri, name: this.photo.name } : undefined,
    };
    saveState(state);
  }
}

function row(...children: Node[]): HTMLElement {
  return h('div', { class: 'learn-panels' }, ...children);
}

function canvas(label: string): HTMLCanvasElement {
  return h('canvas', { class: 'photo', role: 'img', 'aria-label': label });
}

/** The seeded start for the current target's shape (shown before the setup could be built). */
function startShape(s: LearnSettings): Matrix {
  return s.target.map((row) => row.map(() => 0));
}

/** `M` with every value rounded to 4 significant digits (for display in a narrow cell). */
function roundMatrix(M: Matrix): Matrix {
  return M.map((row) => row.map((v) => Number(v.toPrecision(4))));
}

/**
 * Makes the cell inputs of `grid` accept decimal numbers only: a capture listener on the table sees each edit
 * before the cell's own listener and stops texts such as "0x10" (which `Number` reads as 16), marking them invalid.
 */
export function decimalOnly(grid: HTMLElement): void {
  grid.addEventListener(
    'input',
    (e) => {
      const input = e.target as HTMLInputElement;
      if (input.tagName !== 'INPUT' || !Number.isNaN(parseDecimal(input.value))) return;
      e.stopPropagation();
      input.classList.add('invalid');
      input.title = `“${input.value}” is not a decimal number`;
    },
    true,
  );
}
