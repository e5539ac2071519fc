// The step panel's controls as plain native elements (keyboard operable, themed by the shared CSS). They only report
// what the user did; the view decides what follows. `data-testid`s are read by the end-to-end test.
import { h, replace } from '../shared/dom';
import type { PaddingChoice } from './model';
import { MAX_SETTING, rangeText } from './state';
import type { StepperAction } from './stepper';

/** Id of the note listing the invalid fields' problems (the fields' aria-describedby). */
const NOTE_ID = 'step-settings-error';

/** Callbacks of the settings row. */
export interface SettingsHandlers {
  onKernel(id: string): void;
  onMode(convolution: boolean): void;
  onBias(bias: number | undefined): void;
  onPadding(p: PaddingChoice): void;
  onStride(n: number): void;
  onDilation(n: number): void;
  onStack(on: boolean): void;
  /** The values Y is computed with now, named in an invalid field's message. */
  current(): { bias: number | undefined; stride: number; dilation: number };
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
  const t = text.trim();
  const v = Number(t);
  return t !== '' && Number.isInteger(v) && v >= 1 && v <= MAX_SETTING ? v : null;
}

/**
 * What is wrong with a stride/dilation field's text, for its tooltip and the note under the settings, e.g.
 * "stride must be a whole number from 1 to 8 (got “2.5”); Y still uses stride 1"; undefined when it is valid.
 * `badInput` is the browser's flag for text a number field cannot read (its value is then empty).
 */
export function smallIntProblem(
  name: 'stride' | 'dilation',
  text: string,
  inUse: number,
  badInput = false,
): string | undefined {
  if (!badInput && parseSmallInt(text) !== null) return undefined;
  const got =
    text.trim() === ''
      ? badInput
        ? ' (got text that is not a number)'
        : ' (the field is empty)'
      : ` (got “${text.trim()}”)`;
  return `${rangeText(name)}${got}; Y still uses ${name} ${inUse}`;
}

/** The bias field's problem, or undefined when it is empty or a number. */
export function biasProblem(text: string, inUse: number | undefined): string | undefined {
  if (parseBias(text) !== null) return undefined;
  return `bias b must be a number, or empty for no bias (got “${text.trim()}”); Y still uses ${inUse === undefined ? 'no bias' : `b = ${inUse}`}`;
}

/** The kernel picker, the mode toggle, the bias field, padding, stride, dilation and the stacking toggle. */
export function settingsControls(on: SettingsHandlers) {
  const notes = new FieldNotes();
  const kernel = h('select', { 'data-testid': 'kernel', onchange: () => on.onKernel(kernel.value) });
  const mode = h('input', { type: 'checkbox', 'data-testid': 'mode', onchange: () => on.onMode(mode.checked) });
  const bias = h('input', {
    type: 'text',
    inputmode: 'decimal',
    class: 'bias',
    placeholder: 'none',
    'data-testid': 'bias',
    'aria-describedby': NOTE_ID,
    title: 'A scalar added to every output cell, shown as its own “+ b” step. Empty: no bias.',
    oninput: () => {
      const b = parseBias(bias.value);
      notes.mark(bias, b === null ? biasProblem(bias.value, on.current().bias) : undefined);
      if (b !== null) on.onBias(b);
    },
  });
  const padding = h(
    'select',
    { 'data-testid': 'padding', onchange: () => on.onPadding(parsePadding(padding.value)) },
    h('option', { value: 'valid' }, '0 (valid)'),
    ...Array.from({ length: MAX_SETTING }, (_, i) => h('option', { value: String(i + 1) }, String(i + 1))),
    h('option', { value: 'same' }, 'same'),
  );
  const intField = (name: 'stride' | 'dilation', cb: (n: number) => void) => {
    const el = h('input', {
      type: 'number',
      min: 1,
      max: MAX_SETTING,
      step: 1,
      'data-testid': name,
      title: rangeText(name),
      'aria-describedby': NOTE_ID,
      oninput: () => {
        const n = el.validity.badInput ? null : parseSmallInt(el.value);
        notes.mark(
          el,
          n === null ? smallIntProblem(name, el.value, on.current()[name], el.validity.badInput) : undefined,
        );
        if (n !== null) cb(n);
      },
    });
    return el;
  };
  const stride = intField('stride', on.onStride);
  const dilation = intField('dilation', on.onDilation);
  notes.defaults.set(stride, stride.title).set(dilation, dilation.title).set(bias, bias.title);
  const stack = h('input', { type: 'checkbox', 'data-testid': 'stack', onchange: () => on.onStack(stack.checked) });
  return {
    kernel,
    mode,
    bias,
    padding,
    stride,
    dilation,
    stack,
    kernelLabel: h('label', {}, 'Kernel ', kernel),
    modeLabel: h(
      'label',
      {
        title:
          'Cross-correlation slides K as given (what tf.conv2d computes); true convolution flips K both ways first (d2l §7.2.5).',
      },
      mode,
      'True convolution (flip K)',
    ),
    biasLabel: h('label', {}, 'Bias b ', bias),
    paddingLabel: h('label', {}, 'Padding ', padding),
    strideLabel: h('label', {}, 'Stride ', stride),
    dilationLabel: h('label', {}, 'Dilation ', dilation),
    stackLabel: h('label', {}, stack, 'Stack a second layer on Y (feature map → z)'),
    formula: h('div', { class: 'step-formula mono caption', 'data-testid': 'formula' }),
    /** The problems of the invalid fields, visible under the settings (each field's tooltip says its own). */
    settingsNote: notes.el,
    /** Clears every invalid mark (after the view put the state's values back into the fields). */
    clearInvalid: () => notes.clear(),
  };
}

/**
 * Marks invalid fields: red outline (class `invalid`), `aria-invalid`, the problem as the field's tooltip, and every
 * field's problem as text in one note element (`data-testid="settings-error"`, a polite live region).
 */
class FieldNotes {
  readonly el = h('p', {
    id: NOTE_ID,
    class: 'step-invalid',
    'data-testid': 'settings-error',
    'aria-live': 'polite',
    hidden: true,
  });
  /** Each field's tooltip when it is valid. */
  readonly defaults = new Map<HTMLInputElement, string>();
  private readonly problems = new Map<HTMLInputElement, string>();

  mark(field: HTMLInputElement, problem: string | undefined): void {
    field.classList.toggle('invalid', problem !== undefined);
    field.setAttribute('aria-invalid', String(problem !== undefined));
    field.title = problem ?? this.defaults.get(field) ?? '';
    if (problem === undefined) this.problems.delete(field);
    else this.problems.set(field, problem);
    this.render();
  }

  clear(): void {
    for (const field of [...this.problems.keys()]) this.mark(field, undefined);
  }

  private render(): void {
    replace(this.el, ...[...this.problems.values()].flatMap((p, i) => [i > 0 ? h('br') : null, p]));
    this.el.hidden = this.problems.size === 0;
  }
}

function parsePadding(v: string): PaddingChoice {
  return v === 'same' ? 'same' : v === 'valid' ? 'valid' : Number(v);
}

/** Step back, play, pause, step forward, the scrub slider, the speed, the step label and the arithmetic line. */
export function playerControls(on: PlayerHandlers) {
  const button = (testid: string, icon: string, label: string, action: StepperAction) =>
    h(
      'button',
      {
        class: 'secondary',
        'data-testid': testid,
        title: label,
        'aria-label': label,
        onclick: () => on.onAction(action),
      },
      h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }),
    );
  const back = button('step-back', 'chevron-left', 'Step back (←)', { type: 'back' });
  const play = button('play', 'play', 'Play (Space)', { type: 'play' });
  const pause = button('pause', 'debug-pause', 'Pause (Space)', { type: 'pause' });
  const forward = button('step-forward', 'chevron-right', 'Step forward (→)', { type: 'forward' });
  const scrub = h('input', {
    type: 'range',
    min: 0,
    max: 0,
    step: 1,
    value: 0,
    'data-testid': 'scrub',
    'aria-label': 'Step',
    oninput: () => on.onAction({ type: 'seek', index: Number(scrub.value) }),
  });
  const speed = h(
    'select',
    { 'data-testid': 'speed', 'aria-label': 'Speed', onchange: () => on.onSpeed(Number(speed.value)) },
    ...[0.5, 1, 2, 4].map((x) => h('option', { value: x }, `${x}×`)),
  );
  return {
    back,
    play,
    pause,
    forward,
    scrub,
    speed,
    player: h(
      'div',
      { class: 'toolbar step-player' },
      back,
      play,
      pause,
      forward,
      scrub,
      h('label', {}, 'Speed ', speed),
    ),
    label: h('span', { class: 'step-label', 'data-testid': 'step-label' }),
    arith: h('code', { class: 'arith', 'data-testid': 'arith' }),
  };
}
