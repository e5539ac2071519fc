// The step panel's controls as plain native elements (keyboard operable, themed by the shared CSS). They only report
// what the user did; the view decides what follows. `data-testid`s are read by the end-to-end test.
import { h } from '../shared/dom';
import type { PaddingChoice } from './model';
import type { StepperAction } from './stepper';

/** Callbacks of the settings row. */
export interface SettingsHandlers {
  onKernel(id: string): void;
  onMode(convolution: boolean): void;
  onBias(bias: number | undefined): void;
  onPadding(p: PaddingChoice): void;
  onStride(n: number): void;
  onDilation(n: number): void;
  onStack(on: boolean): void;
}

/** Callbacks of the player row. */
export interface PlayerHandlers {
  onAction(a: StepperAction): void;
  onSpeed(x: number): void;
}

/** Every control element the view updates. */
export type Controls = ReturnType<typeof settingsControls> & ReturnType<typeof playerControls>;

/** Parses the bias field: empty → no bias, a number → that bias, anything else → null (invalid). */
export function parseBias(text: string): number | undefined | null {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Parses a stride/dilation field: an integer in [1, 8], else null. */
export function parseSmallInt(text: string): number | null {
  const v = Number(text.trim());
  return Number.isInteger(v) && v >= 1 && v <= 8 ? v : null;
}

/** The kernel picker, the mode toggle, the bias field, padding, stride, dilation and the stacking toggle. */
export function settingsControls(on: SettingsHandlers) {
  const kernel = h('select', { 'data-testid': 'kernel', onchange: () => on.onKernel(kernel.value) });
  const mode = h('input', { type: 'checkbox', 'data-testid': 'mode', onchange: () => on.onMode(mode.checked) });
  const bias = h('input', {
    type: 'text', inputmode: 'decimal', class: 'bias', placeholder: 'none', 'data-testid': 'bias',
    title: 'A scalar added to every output cell, shown as its own “+ b” step. Empty: no bias.',
    oninput: () => {
      const b = parseBias(bias.value);
      bias.classList.toggle('invalid', b === null);
      if (b !== null) on.onBias(b);
    },
  });
  const padding = h('select', { 'data-testid': 'padding', onchange: () => on.onPadding(parsePadding(padding.value)) },
    h('option', { value: 'valid' }, '0 (valid)'), h('option', { value: '1' }, '1'), h('option', { value: '2' }, '2'),
    h('option', { value: '3' }, '3'), h('option', { value: 'same' }, 'same'));
  const intField = (testid: string, cb: (n: number) => void) => {
    const el = h('input', {
      type: 'number', min: 1, max: 8, step: 1, 'data-testid': testid,
      oninput: () => {
        const n = parseSmallInt(el.value);
        el.classList.toggle('invalid', n === null);
        if (n !== null) cb(n);
      },
    });
    return el;
  };
  const stride = intField('stride', on.onStride);
  const dilation = intField('dilation', on.onDilation);
  const stack = h('input', { type: 'checkbox', 'data-testid': 'stack', onchange: () => on.onStack(stack.checked) });
  return {
    kernel, mode, bias, padding, stride, dilation, stack,
    kernelLabel: h('label', {}, 'Kernel ', kernel),
    modeLabel: h('label', { title: 'Cross-correlation slides K as given (what tf.conv2d computes); true convolution flips K both ways first.' },
      mode, 'True convolution (flip K)'),
    biasLabel: h('label', {}, 'Bias b ', bias),
    paddingLabel: h('label', {}, 'Padding ', padding),
    strideLabel: h('label', {}, 'Stride ', stride),
    dilationLabel: h('label', {}, 'Dilation ', dilation),
    stackLabel: h('label', {}, stack, 'Stack a second layer on Y (feature map → z)'),
    formula: h('div', { class: 'step-formula mono caption', 'data-testid': 'formula' }),
  };
}

function parsePadding(v: string): PaddingChoice {
  return v === 'same' ? 'same' : v === 'valid' ? 'valid' : Number(v);
}

/** Step back, play, pause, step forward, the scrub slider, the speed, the step label and the arithmetic line. */
export function playerControls(on: PlayerHandlers) {
  const button = (testid: string, icon: string, label: string, action: StepperAction) =>
    h('button', { class: 'secondary', 'data-testid': testid, title: label, 'aria-label': label, onclick: () => on.onAction(action) },
      h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }));
  const back = button('step-back', 'chevron-left', 'Step back (←)', { type: 'back' });
  const play = button('play', 'play', 'Play (Space)', { type: 'play' });
  const pause = button('pause', 'debug-pause', 'Pause (Space)', { type: 'pause' });
  const forward = button('step-forward', 'chevron-right', 'Step forward (→)', { type: 'forward' });
  const scrub = h('input', {
    type: 'range', min: 0, max: 0, step: 1, value: 0, 'data-testid': 'scrub', 'aria-label': 'Step',
    oninput: () => on.onAction({ type: 'seek', index: Number(scrub.value) }),
  });
  const speed = h('select', { 'data-testid': 'speed', 'aria-label': 'Speed', onchange: () => on.onSpeed(Number(speed.value)) },
    ...[0.5, 1, 2, 4].map((x) => h('option', { value: x }, `${x}×`)));
  return {
    back, play, pause, forward, scrub, speed,
    player: h('div', { class: 'toolbar step-player' }, back, play, pause, forward, scrub, h('label', {}, 'Speed ', speed)),
    label: h('span', { class: 'step-label', 'data-testid': 'step-label' }),
    arith: h('code', { class: 'arith', 'data-testid': 'arith' }),
  };
}
