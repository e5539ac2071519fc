// The step panel's controls: the settings rows (example, kernel picker, mode, bias, padding, stride, dilation, groups)
// and the
// player (step back, play, pause, step forward, scrub, speed). They report what the user did; the app decides.
import { Field, type FieldNotes } from '../shared/components/fields';
import type { Filters } from '../../src/core/volume';
import type { PaddingChoice } from './model';
import { exampleById, FORWARD_EXAMPLES, KERNEL_PRESETS, TRANSPOSED_EXAMPLES } from './presets';
import { biasCheck, biasText, outputPaddingCheck, smallIntCheck } from './fields';
import { cOutOf, MAX_OUTPUT_PADDING, MAX_SETTING, single, type StepState } from './state';
import type { StepperAction } from './stepper';

/** Id of the note listing the invalid fields' problems (the fields' aria-describedby). */
export const NOTE_ID = 'step-settings-error';

/** What the settings rows change. */
export interface SettingsHandlers {
  example(id: string): void;
  /** The operation picker: the transposed convolution (true) or cross-correlation. */
  operation(transposed: boolean): void;
  outputPadding(n: number): void;
  kernel(id: string): void;
  mode(convolution: boolean): void;
  bias(b: number[] | undefined): void;
  padding(p: PaddingChoice): void;
  stride(n: number): void;
  dilation(n: number): void;
  groups(n: number): void;
}

/** Common divisors of the channel counts: the groups a layer with these channels may have (torch.nn.Conv2d). */
export function groupChoices(cIn: number, cOut: number): number[] {
  return Array.from({ length: Math.min(cIn, cOut) }, (_, k) => k + 1).filter((g) => cIn % g === 0 && cOut % g === 0);
}

/**
 * Operation, example, kernel picker, true convolution and bias; padding, stride, dilation, (transposed) output padding
 * and (with channels) groups.
 */
export function Settings({ s, on, notes }: { s: StepState; on: SettingsHandlers; notes: FieldNotes }) {
  const example = exampleById(s.kernelId);
  const transposed = s.mode === 'transposed';
  const cOut = cOutOf(s);
  const kernels = [
    ...(s.inputK ? [{ id: 'input', label: `From the editor: K ${bankShape(s.inputK)}` }] : []),
    ...(example ? [{ id: example.id, label: `From the example: K ${bankShape(s.K)}` }] : []),
    ...KERNEL_PRESETS.map((p) => ({ id: p.id, label: single(s) ? p.label : `${p.label}, every channel` })),
  ];
  const groups = groupChoices(s.X.length, cOut);
  return (
    <>
      <div class="toolbar step-toolbar">
        <label title="Cross-correlation slides K over X (d2l §7.2); the transposed convolution scatters x·K from every input cell (d2l §14.10).">
          Operation{' '}
          <select
            data-testid="operation"
            value={transposed ? 'transposed' : 'forward'}
            onChange={(e) => on.operation(e.currentTarget.value === 'transposed')}
          >
            <option value="forward">cross-correlation (X ⋆ K)</option>
            <option value="transposed">transposed convolution (X ⋆ᵀ K)</option>
          </select>
        </label>
        <label>
          Example{' '}
          <select data-testid="example" value={example?.id ?? ''} onChange={(e) => on.example(e.currentTarget.value)}>
            {!example && <option value="">—</option>}
            <optgroup label="Cross-correlation">
              {FORWARD_EXAMPLES.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Transposed convolution">
              {TRANSPOSED_EXAMPLES.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
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
        {!transposed && (
          <label title="Cross-correlation slides K as given (what tf.conv2d computes); true convolution flips K both ways first (d2l §7.2.1).">
            <input
              type="checkbox"
              data-testid="mode"
              checked={s.mode === 'convolution'}
              onChange={(e) => on.mode(e.currentTarget.checked)}
            />
            True convolution (flip K)
          </label>
        )}
        <Field
          id="bias"
          label="Bias b"
          class="bias"
          value={s.bias}
          format={biasText}
          check={biasCheck(cOut, s.bias)}
          onValue={on.bias}
          notes={notes}
          describedBy={NOTE_ID}
          title={
            single(s)
              ? 'A scalar added to every output cell, shown as its own “+ b” step. Empty: no bias.'
              : `One number for every output channel, or ${cOut} separated by commas (b₀, b₁, …). Empty: no bias.`
          }
        />
      </div>
      <div class="toolbar step-toolbar">
        <label
          title={
            transposed
              ? 'The transposed convolution CROPS this many rows/columns from each side of its full result (PyTorch); same: output n·stride (TensorFlow).'
              : 'Rows/columns of zeros around X on each side; same: output ⌈n / stride⌉ (TensorFlow).'
          }
        >
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
        {transposed && (
          <Field
            id="outputPadding"
            label="Output padding"
            type="number"
            range={{ min: 0, max: MAX_OUTPUT_PADDING, step: 1 }}
            value={s.outputPadding}
            check={outputPaddingCheck(s.outputPadding)}
            onValue={on.outputPadding}
            notes={notes}
            describedBy={NOTE_ID}
            title="Rows/columns added at the bottom/right of Y (PyTorch's output_padding): smaller than the stride or the dilation."
          />
        )}
        {!single(s) && (
          <label title="Channel groups (torch.nn.Conv2d): output channel o reads only the input channels of its group.">
            Groups{' '}
            <select
              data-testid="groups"
              value={String(s.groups)}
              onChange={(e) => on.groups(Number(e.currentTarget.value))}
            >
              {groups.map((g) => (
                <option key={g} value={String(g)}>
                  {g === 1
                    ? '1 (every input channel)'
                    : g === s.X.length && g === cOut
                      ? `${g} (depthwise)`
                      : String(g)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </>
  );
}

/** "2×2" for one kernel, "3×2×2×2" for a bank (c_out × c_in/groups × kh × kw). */
function bankShape(K: Filters): string {
  const [kh, kw] = [K[0][0].length, K[0][0][0].length];
  return K.length === 1 && K[0].length === 1 ? `${kh}×${kw}` : `${K.length}×${K[0].length}×${kh}×${kw}`;
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
