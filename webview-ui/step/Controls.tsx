// The step panel's controls: the settings rows (kernel picker, mode, bias, padding, stride, dilation) and the
// player (step back, play, pause, step forward, scrub, speed). They report what the user did; the app decides.
import { Field, type FieldNotes } from '../shared/components/fields';
import { shapeOf, formatShape } from '../../src/core/matrix';
import type { PaddingChoice } from './model';
import { KERNEL_PRESETS } from './presets';
import { biasCheck, smallIntCheck } from './fields';
import { MAX_SETTING, type StepState } from './state';
import type { StepperAction } from './stepper';

/** Id of the note listing the invalid fields' problems (the fields' aria-describedby). */
export const NOTE_ID = 'step-settings-error';

/** What the settings rows change. */
export interface SettingsHandlers {
  kernel(id: string): void;
  mode(convolution: boolean): void;
  bias(b: number | undefined): void;
  padding(p: PaddingChoice): void;
  stride(n: number): void;
  dilation(n: number): void;
}

/** Kernel picker, mode and bias; padding, stride and dilation. */
export function Settings({ s, on, notes }: { s: StepState; on: SettingsHandlers; notes: FieldNotes }) {
  const kernels = [
    ...(s.inputK ? [{ id: 'input', label: `From the editor: K ${formatShape(shapeOf(s.inputK))}` }] : []),
    ...KERNEL_PRESETS.map((p) => ({ id: p.id, label: p.label })),
  ];
  return (
    <>
      <div class="toolbar step-toolbar">
        <label>
          Kernel{' '}
          <select data-testid="kernel" value={s.kernelId} onChange={(e) => on.kernel(e.currentTarget.value)}>
            {kernels.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label title="Cross-correlation slides K as given (what tf.conv2d computes); true convolution flips K both ways first (d2l §7.2.1).">
          <input
            type="checkbox"
            data-testid="mode"
            checked={s.mode === 'convolution'}
            onChange={(e) => on.mode(e.currentTarget.checked)}
          />
          True convolution (flip K)
        </label>
        <Field
          id="bias"
          label="Bias b"
          class="bias"
          value={s.bias}
          format={(b) => (b === undefined ? '' : String(b))}
          check={biasCheck(s.bias)}
          onValue={on.bias}
          notes={notes}
          describedBy={NOTE_ID}
          title="A scalar added to every output cell, shown as its own “+ b” step. Empty: no bias."
        />
      </div>
      <div class="toolbar step-toolbar">
        <label>
          Padding{' '}
          <select
            data-testid="padding"
            value={String(s.padding === 0 ? 'valid' : s.padding)}
            onChange={(e) => {
              const v = e.currentTarget.value;
              on.padding(v === 'same' || v === 'valid' ? v : Number(v));
            }}
          >
            <option value="valid">0 (valid)</option>
            {Array.from({ length: MAX_SETTING }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                {i + 1}
              </option>
            ))}
            <option value="same">same</option>
          </select>
        </label>
        {(['stride', 'dilation'] as const).map((name) => (
          <Field
            key={name}
            id={name}
            label={name === 'stride' ? 'Stride' : 'Dilation'}
            type="number"
            range={{ min: 1, max: MAX_SETTING, step: 1 }}
            value={s[name]}
            check={smallIntCheck(name, s[name])}
            onValue={on[name]}
            notes={notes}
            describedBy={NOTE_ID}
            title={`${name} must be a whole number from 1 to ${MAX_SETTING}`}
          />
        ))}
      </div>
    </>
  );
}

/** Speeds of the player (steps per 0.9 s at 1×); the fast ones are for large outputs. */
const SPEEDS = [0.5, 1, 2, 4, 16, 64];

/** The player: back, play, pause, forward, the scrub slider and the speed. */
export function Player(p: {
  index: number;
  count: number;
  playing: boolean;
  enabled: boolean;
  speed: number;
  act(a: StepperAction): void;
  setSpeed(x: number): void;
}) {
  const button = (testid: string, icon: string, label: string, a: StepperAction, disabled: boolean) => (
    <button
      class="secondary"
      data-testid={testid}
      title={label}
      aria-label={label}
      disabled={disabled}
      onClick={() => p.act(a)}
    >
      <span class={`codicon codicon-${icon}`} aria-hidden="true" />
    </button>
  );
  return (
    <div class="toolbar step-player">
      {button('step-back', 'chevron-left', 'Step back (←)', { type: 'back' }, !p.enabled || p.index === 0)}
      {button('play', 'play', 'Play (Space)', { type: 'play' }, !p.enabled || p.playing || p.count <= 1)}
      {button('pause', 'debug-pause', 'Pause (Space)', { type: 'pause' }, !p.playing)}
      {button(
        'step-forward',
        'chevron-right',
        'Step forward (→)',
        { type: 'forward' },
        !p.enabled || p.index >= p.count - 1,
      )}
      <input
        type="range"
        min={0}
        max={Math.max(0, p.count - 1)}
        step={1}
        value={p.index}
        data-testid="scrub"
        aria-label="Step"
        disabled={!p.enabled}
        onInput={(e) => p.act({ type: 'seek', index: Number(e.currentTarget.value) })}
      />
      <label>
        Speed{' '}
        <select
          data-testid="speed"
          aria-label="Speed"
          value={String(p.speed)}
          onChange={(e) => p.setSpeed(Number(e.currentTarget.value))}
        >
          {SPEEDS.map((x) => (
            <option key={x} value={String(x)}>
              {x}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
