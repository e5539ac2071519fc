// The sidebar visualization: the matrix under the cursor, X and K (one click assigns either), a kernel preset, and
// Y = corr2d(X, K) + b computed live, with the output-size formula for the current geometry. The valid, dense case
// (no padding, stride 1, dilation 1) runs on the machine's forward path (conv-path.ts: the fast wasm-SIMD engine on
// a CPU-bound machine, X loaded once per change of X); other geometries on tfjs `corr2d`. The badge names the path
// the Y on screen came from.
import { convGeometry, type Geometry, type Padding } from '../../src/core/geometry';
import { corr2d } from '../../src/core/tfjs/tensor';
import { fromPlane, toPlane } from '../../src/core/fast';
import { mapMatrix, type Matrix } from '../../src/core/matrix';
import { KERNEL_PRESETS } from '../../src/core/presets';
import { startView } from '../shared/view';
import { post, savedState, saveState } from '../shared/host';
import { backendBadge } from '../shared/badge';
import { h, replace } from '../shared/dom';
import { MatrixGrid } from '../shared/grid';
import { errorBox, messageOf } from '../shared/errors';
import { drawHeat, heatScale } from '../shared/heatmap';
import type { BackendChoice } from '../shared/backend';
import { forwardApplies, tfjsConvPath, type ConvPathChoice, type ForwardCorr } from '../shared/conv-path';
import { defaultState, restoreState, type SidebarState } from './state';
import { outputSizeFormula } from './formula';
import { allowedValues, readSetting, type NumberSpec } from './settings';

// Grids above this size show as a heat map only: thousands of DOM cells would make the sidebar sluggish.
const MAX_GRID = 16;

let state: SidebarState = defaultState();
let backend: BackendChoice | undefined;
/** The forward path and the X it holds (compared by reference: `state.X` is replaced, never edited in place). */
let forward: { corr: ForwardCorr; X: Matrix | undefined } | undefined;
/** Path of the Y on screen (the badge shows it). */
let yPath: ConvPathChoice | undefined;
/** Bumped per computation: an older, slower result must not overwrite a newer one. */
let generation = 0;
const root = document.getElementById('root') as HTMLElement;

const grids = {
  cursor: new MatrixGrid({ label: 'Matrix at the cursor', testid: 'cursor' }),
  X: new MatrixGrid({ label: 'Input X', testid: 'X' }),
  K: new MatrixGrid({ label: 'Kernel K', testid: 'K' }),
  Y: new MatrixGrid({ label: 'Output Y', testid: 'Y' }),
};
const slots = {
  badge: h('div', { class: 'toolbar' }),
  cursor: h('section', { 'aria-label': 'Matrix at the cursor' }),
  X: h('div'),
  K: h('div'),
  Y: h('div'),
  formula: h('div', { class: 'mono caption', 'data-testid': 'formula' }),
  error: h('div'),
  inputProblem: h('div', { class: 'warning caption', 'data-testid': 'input-problem', role: 'status', hidden: true }),
};

/** X, K and the settings, for the panels the sidebar opens (they start from the same Y). */
function currentInput() {
  return {
    X: state.X,
    K: state.K,
    bias: state.bias,
    padding: state.padding as 'valid' | 'same' | number,
    stride: state.stride,
    dilation: state.dilation,
  };
}

function changed(): void {
  saveState(state);
  post({ type: 'inputChanged', input: currentInput() });
  render();
}

function matrixBlock(slot: HTMLElement, title: string, grid: MatrixGrid, M: number[][], testid: string): void {
  const big = M.length > MAX_GRID || M[0].length > MAX_GRID;
  const shape = h('span', { class: 'caption', 'data-testid': `${testid}-shape` }, `${M.length}×${M[0].length}`);
  if (!big) grid.set(M);
  const heat = h('canvas', { class: 'heat', 'aria-hidden': 'true' });
  const flat = M.flat();
  drawHeat(heat, flat, M.length, M[0].length, heatScale(flat));
  heat.style.width = `${Math.min(big ? 240 : 80, Math.max(24, M[0].length * (big ? 4 : 12)))}px`;
  replace(slot, h('h2', {}, title, ' ', shape), big ? heat : h('div', { class: 'row' }, scroller(grid.el), heat));
}

// A 16-column grid is wider than a narrow side bar: it scrolls sideways instead of widening the page.
function scroller(el: HTMLElement): HTMLElement {
  const box = h('div', {}, el);
  box.style.maxWidth = '100%';
  box.style.overflowX = 'auto';
  return box;
}

function renderCursor(): void {
  const c = state.cursor;
  if (!c) {
    replace(
      slots.cursor,
      h('h2', {}, 'At the cursor'),
      h('p', { class: 'caption' }, 'Put the cursor in a matrix literal (Python, JS/TS, JSON, MATLAB, Julia).'),
    );
    return;
  }
  const label = h('p', { class: 'caption', 'data-testid': 'cursor-label' }, c.label);
  if (!c.matrix) {
    replace(
      slots.cursor,
      h('h2', {}, 'At the cursor'),
      label,
      h('p', { class: 'warning', 'data-testid': 'cursor-problem' }, c.problem ?? 'not a matrix'),
    );
    return;
  }
  const m = c.matrix;
  const block = h('div');
  matrixBlock(block, 'At the cursor', grids.cursor, m, 'cursor');
  replace(
    slots.cursor,
    block,
    label,
    h(
      'div',
      { class: 'toolbar' },
      h(
        'button',
        {
          'data-testid': 'use-x',
          onclick: () => {
            state.X = m;
            changed();
          },
        },
        'Use as X',
      ),
      h(
        'button',
        {
          'data-testid': 'use-k',
          onclick: () => {
            state.K = m;
            changed();
          },
        },
        'Use as K',
      ),
    ),
  );
}

function presetSelect(): HTMLSelectElement {
  const sel = h(
    'select',
    { 'data-testid': 'preset', 'aria-label': 'Kernel preset' },
    h('option', { value: '' }, 'Kernel preset…'),
    ...KERNEL_PRESETS.map((p) => h('option', { value: p.id }, p.label)),
  );
  sel.addEventListener('change', () => {
    const p = KERNEL_PRESETS.find((k) => k.id === sel.value);
    if (p) {
      state.K = p.kernel.map((r) => [...r]);
      changed();
    }
  });
  return sel;
}

// Validated on every keystroke (`input`), so Y follows the typing; an invalid value is outlined and named, and Y keeps
// the last valid setting. A number input reports "" for text it cannot parse ("-", "1e"), so that is invalid too.
function numberInput(spec: NumberSpec): HTMLElement {
  const { testid, label } = spec;
  const input = h('input', {
    type: 'number',
    min: spec.whole ? spec.min : undefined,
    step: spec.whole ? 1 : 'any',
    value: spec.value,
    'data-testid': testid,
    'aria-label': label,
  });
  input.style.width = '4.5em'; // number inputs ignore `size`; the default width wraps the side bar's toolbar
  const check = () => {
    const v = readSetting(input.value, spec);
    markInvalid(input, testid, v === undefined ? allowedValues(spec) : undefined);
    if (v !== undefined && v !== currentSetting(testid)) {
      spec.set(v);
      changed();
    }
  };
  input.addEventListener('input', check);
  input.addEventListener('change', check);
  return h('label', {}, label, input);
}

function currentSetting(testid: NumberSpec['testid']): number {
  return testid === 'bias' ? state.bias : testid === 'stride' ? state.stride : state.dilation;
}

/** Problems of the number inputs by test id; shown together under the settings. */
const inputProblems = new Map<string, string>();

function markInvalid(input: HTMLInputElement, testid: string, problem: string | undefined): void {
  const bad = problem !== undefined;
  input.classList.toggle('invalid', bad);
  input.setAttribute('aria-invalid', String(bad));
  input.title = problem ?? '';
  // A red outline on top of the shared red border: visible on every theme, also while the input has focus.
  input.style.outline = bad ? '1px solid var(--vscode-inputValidation-errorBorder)' : '';
  if (bad) inputProblems.set(testid, problem);
  else inputProblems.delete(testid);
  replace(slots.inputProblem, ...[...inputProblems.values()].map((p) => h('div', {}, p)));
  slots.inputProblem.hidden = inputProblems.size === 0;
}

function paddingSelect(): HTMLElement {
  const sel = h(
    'select',
    { 'data-testid': 'padding', 'aria-label': 'Padding' },
    ...['valid', 'same', '1', '2'].map((p) =>
      h(
        'option',
        { value: p, selected: String(state.padding) === p },
        p === 'valid' || p === 'same' ? p : `${p} each side`,
      ),
    ),
  );
  sel.addEventListener('change', () => {
    state.padding = (sel.value === 'valid' || sel.value === 'same' ? sel.value : Number(sel.value)) as Padding;
    changed();
  });
  return h('label', {}, 'padding', sel);
}

async function renderOutput(): Promise<void> {
  const opts = { padding: state.padding, stride: state.stride, dilation: state.dilation };
  const mine = ++generation;
  try {
    const g = convGeometry(
      { inH: state.X.length, inW: state.X[0].length, kH: state.K.length, kW: state.K[0].length, ...opts },
      'corr2d',
    );
    replace(slots.formula, ...outputSizeFormula(g).map((l) => h('div', {}, l)));
    const { Y: corr, path } = await computeY(g, opts);
    if (mine !== generation) return;
    const Y = mapMatrix(corr, (v) => v + state.bias);
    matrixBlock(slots.Y, state.bias ? `Y = corr2d(X, K) + ${state.bias}` : 'Y = corr2d(X, K)', grids.Y, Y, 'Y');
    setPath(path);
    replace(slots.error);
  } catch (e) {
    if (mine !== generation) return;
    replace(slots.Y, h('h2', {}, 'Y = corr2d(X, K)'));
    replace(slots.formula);
    replace(slots.error, errorBox(messageOf(e)));
  }
}

/** X ⋆ K on the forward path when the geometry allows (loading X only when it changed), else on tfjs `corr2d`. */
async function computeY(
  g: Geometry,
  opts: Parameters<typeof corr2d>[2],
): Promise<{ Y: Matrix; path: ConvPathChoice | undefined }> {
  if (!backend) return { Y: corr2d(state.X, state.K, opts), path: undefined };
  if (!forwardApplies(g)) {
    return {
      Y: corr2d(state.X, state.K, opts),
      path: tfjsConvPath(backend.backend, 'padding, stride or dilation: tfjs corr2d'),
    };
  }
  forward ??= { corr: backend.forward(), X: undefined };
  if (forward.X !== state.X) {
    forward.corr.load(toPlane(state.X, 'corr2d', 'X'));
    forward.X = state.X;
  }
  const data = await forward.corr.corr(toPlane(state.K, 'corr2d', 'K'));
  return { Y: fromPlane({ data, h: g.outH, w: g.outW }), path: backend.conv };
}

function setPath(path: ConvPathChoice | undefined): void {
  if (path?.path === yPath?.path && path?.reason === yPath?.reason) return;
  yPath = path;
  replace(slots.badge, backendBadge(backend, yPath));
}

function render(): void {
  replace(slots.badge, backendBadge(backend, yPath ?? backend?.conv));
  renderCursor();
  matrixBlock(slots.X, 'X', grids.X, state.X, 'X');
  matrixBlock(slots.K, 'K', grids.K, state.K, 'K');
  void renderOutput();
}

function layout(): void {
  // Denser cells than the panels (8 columns fit a side bar ~300 px wide), on the side bar's own background.
  document.documentElement.style.setProperty('--cell', '1.8em');
  document.body.style.background = 'var(--vscode-sideBar-background, var(--vscode-editor-background))';
  const open = (panel: 'step' | 'edges' | 'learn') => () => post({ type: 'openPanel', panel, input: currentInput() });
  replace(
    root,
    slots.badge,
    slots.cursor,
    h('hr'),
    slots.X,
    slots.K,
    h('div', { class: 'toolbar' }, presetSelect()),
    h(
      'div',
      { class: 'toolbar' },
      numberInput({
        testid: 'bias',
        label: 'bias b',
        value: state.bias,
        whole: false,
        min: -Infinity,
        set: (v) => (state.bias = v),
      }),
      paddingSelect(),
      numberInput({
        testid: 'stride',
        label: 'stride',
        value: state.stride,
        whole: true,
        min: 1,
        set: (v) => (state.stride = v),
      }),
      numberInput({
        testid: 'dilation',
        label: 'dilation',
        value: state.dilation,
        whole: true,
        min: 1,
        set: (v) => (state.dilation = v),
      }),
    ),
    slots.inputProblem,
    slots.formula,
    slots.error,
    slots.Y,
    h(
      'div',
      { class: 'toolbar' },
      h('button', { class: 'secondary', 'data-testid': 'open-step', onclick: open('step') }, 'Step'),
      h('button', { class: 'secondary', 'data-testid': 'open-edges', onclick: open('edges') }, 'Edges'),
      h('button', { class: 'secondary', 'data-testid': 'open-learn', onclick: open('learn') }, 'Learn'),
    ),
  );
}

startView(
  'sidebar',
  {
    init({ input, state: saved, backend: choice }) {
      backend = choice;
      state = restoreState(saved);
      if (input.X) state.X = input.X;
      if (input.K) state.K = input.K;
      layout();
      changed();
    },
    setInput(input) {
      if (input.X) state.X = input.X;
      if (input.K) state.K = input.K;
      changed();
    },
    cursorMatrix(matrix, label, problem) {
      state.cursor = { matrix, label, problem };
      saveState(state);
      renderCursor();
    },
  },
  savedState,
);
