// The step panel's persisted state and what an input does to it. Plain JSON, validated when it comes back (an older
// or damaged state must not break the panel). An input — a call, a selected literal, a hover link, the sidebar —
// replaces the whole setup: what it names, and the defaults for what it does not; the caption says which is which.
import * as v from 'valibot';
import { MatrixSchema, type PanelInput } from '../../src/protocol/messages';
import { edgeImage, fig51K, fig51X } from '../../src/core/fixtures';
import { convGeometry } from '../../src/core/geometry';
import { refusal, STEP_MAX_SIDE } from '../../src/core/limits';
import { shapeOf, validateMatrix, type Matrix } from '../../src/core/matrix';
import { presetById } from './presets';

/** Largest side of X or K the panel steps through (a canvas draws the cells above 32). */
export const MAX_SIDE = STEP_MAX_SIDE;
/** Largest stride, dilation and padding (rows/columns of zeros per side) the panel offers. */
export const MAX_SETTING = 8;

/** The allowed range of a setting, as shown next to an invalid field and in a refused input's error. */
export function rangeText(name: 'stride' | 'dilation' | 'padding'): string {
  return name === 'padding'
    ? `padding must be 'valid', 'same' or a whole number from 0 to ${MAX_SETTING}`
    : `${name} must be a whole number from 1 to ${MAX_SETTING}`;
}

/**
 * Throws unless `M` is a valid matrix the panel can show: "step: X is 200×200; the Step panel steps through
 * matrices up to 128×128 …" (or the core's "step: X row 1 has 2 elements, row 0 has 3").
 */
export function checkShown(name: string, M: Matrix): void {
  validateMatrix('step', name, M);
  const why = refusal('step-X', shapeOf(M));
  if (why) {
    const [r, c] = shapeOf(M);
    throw new Error(`step: ${name} is ${r}×${c}; ${why} (use Conv2D: Detect Edges for images)`);
  }
}

function shown(M: Matrix | undefined): boolean {
  try {
    if (M) checkShown('M', M);
    return true;
  } catch {
    return false;
  }
}

const SmallInt = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** The settings an input can name. */
export const SETTINGS = ['padding', 'stride', 'dilation', 'bias', 'mode'] as const;
/** One of them. */
export type Setting = (typeof SETTINGS)[number];

const Shown = v.pipe(
  MatrixSchema,
  v.check((M) => shown(M), `a matrix the panel shows (non-empty, rectangular, up to ${MAX_SIDE}×${MAX_SIDE})`),
);

/** Everything needed to show the panel as it was. */
export const StepStateSchema = v.object({
  X: Shown,
  /** The kernel as the user gave it (unflipped). */
  K: Shown,
  /** A preset id, or 'input' for a kernel that came from the editor. */
  kernelId: v.pipe(v.string(), v.maxLength(40)),
  /** The kernel that came from the editor, to return to after trying presets. */
  inputK: v.optional(Shown),
  mode: v.picklist(['correlation', 'convolution']),
  bias: v.optional(v.pipe(v.number(), v.finite())),
  padding: v.union([v.picklist(['valid', 'same']), SmallInt(0, MAX_SETTING)]),
  stride: SmallInt(1, MAX_SETTING),
  dilation: SmallInt(1, MAX_SETTING),
  stack: v.boolean(),
  K2: Shown,
  index: SmallInt(0, 1_000_000),
  speed: v.pipe(v.number(), v.minValue(0.25), v.maxValue(64)),
  /** Where the matrices came from ("steps.py:5 corr2d(…)"), absent for the book's example. */
  source: v.optional(v.pipe(v.string(), v.maxLength(500))),
  /** What X is when the input gave only K and the default X was too small for it. */
  xNote: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** The settings the last input named; the others took their defaults. */
  named: v.optional(v.array(v.picklist(SETTINGS)), []),
  /** Settings changed in the panel since the last input. */
  edited: v.optional(v.array(v.picklist(SETTINGS)), []),
});
/** The panel's saved state. */
export type StepState = v.InferOutput<typeof StepStateSchema>;

/** d2l Fig. 7.2.1's X and K (Fig. 5.1 in older editions), cross-correlation, no bias, 'valid', stride 1, dilation 1. */
export function defaultStepState(): StepState {
  return {
    X: fig51X(),
    K: fig51K(),
    kernelId: 'fig51',
    mode: 'correlation',
    bias: undefined,
    padding: 'valid',
    stride: 1,
    dilation: 1,
    stack: false,
    K2: [
      [1, 1],
      [1, 1],
    ],
    index: 0,
    speed: 1,
    named: [],
    edited: [],
  };
}

/** A saved state if `raw` is a valid one, else undefined. */
export function parseStepState(raw: unknown): StepState | undefined {
  const r = v.safeParse(StepStateSchema, raw);
  return r.success ? r.output : undefined;
}

/** The settings of a new setup: the defaults, with what the input names (checked against the panel's ranges). */
function inputSettings(input: PanelInput): Pick<StepState, Setting | 'named'> {
  const d = defaultStepState();
  const out: Pick<StepState, Setting | 'named'> = {
    padding: d.padding,
    stride: d.stride,
    dilation: d.dilation,
    bias: d.bias,
    mode: d.mode,
    named: SETTINGS.filter((k) => input[k] !== undefined),
  };
  const smallInt = (x: number, min: number) => Number.isInteger(x) && x >= min && x <= MAX_SETTING;
  const refuse = (name: 'stride' | 'dilation' | 'padding', x: unknown) => {
    throw new Error(`step: input ${name} ${JSON.stringify(x)} refused: ${rangeText(name)}`);
  };
  if (input.bias !== undefined) {
    if (!Number.isFinite(input.bias))
      throw new Error(`step: input bias ${input.bias} refused: the bias must be a finite number`);
    // The sidebar always sends a bias (0 by default): 0 means no "+ b" step.
    out.bias = input.bias === 0 ? undefined : input.bias;
  }
  const p = input.padding;
  if (p !== undefined) {
    if (p !== 'valid' && p !== 'same' && !(typeof p === 'number' && smallInt(p, 0))) refuse('padding', p);
    out.padding = p === 0 ? 'valid' : p;
  }
  if (input.stride !== undefined) {
    if (!smallInt(input.stride, 1)) refuse('stride', input.stride);
    out.stride = input.stride;
  }
  if (input.dilation !== undefined) {
    if (!smallInt(input.dilation, 1)) refuse('dilation', input.dilation);
    out.dilation = input.dilation;
  }
  if (input.mode !== undefined) out.mode = input.mode;
  return out;
}

/** Whether K fits X with these settings (convGeometry accepts them). */
function fits(X: Matrix, K: Matrix, s: Pick<StepState, 'padding' | 'stride' | 'dilation'>): boolean {
  try {
    const [inH, inW] = shapeOf(X);
    const [kH, kW] = shapeOf(K);
    convGeometry({
      inH,
      inW,
      kH,
      kW,
      padding: s.padding === 0 ? 'valid' : s.padding,
      stride: s.stride,
      dilation: s.dilation,
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * X for an input that names only K: the book's 3×3 X when K fits it, else the book's 6×8 edge image, else a ramp
 * 0, 1, 2, … two cells larger than the (dilated) kernel each way — never a setup the panel must refuse.
 */
function xForKernel(K: Matrix, s: Pick<StepState, 'padding' | 'stride' | 'dilation'>): { X: Matrix; note: string } {
  if (fits(fig51X(), K, s)) return { X: fig51X(), note: "the book's 3×3 X (Fig. 7.2.1)" };
  if (fits(edgeImage(), K, s))
    return { X: edgeImage(), note: "the book's 6×8 edge image (K is larger than the 3×3 X)" };
  const [kh, kw] = shapeOf(K);
  const h = Math.min(MAX_SIDE, s.dilation * (kh - 1) + 3);
  const w = Math.min(MAX_SIDE, s.dilation * (kw - 1) + 3);
  const X = Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => r * w + c));
  return { X, note: `a ${h}×${w} ramp 0, 1, 2, … made for this ${kh}×${kw} kernel` };
}

/** K for an input that names only X: [1, −1] (d2l §7.2.3), its transpose for a single column, or [[1]]. */
function kernelForX(X: Matrix): string {
  const [h, w] = shapeOf(X);
  return w >= 2 ? 'edge-x' : h >= 2 ? 'edge-y' : 'identity';
}

/**
 * The state for an input from the editor, a hover link or the sidebar. It replaces the whole setup — X, K, padding,
 * stride, dilation, bias, mode — with what the input names and the defaults for the rest, and starts at step 0.
 * Only X: the kernel picker starts on [1, −1] (d2l §7.2.3). Only K: the book's X, or a larger X the kernel fits.
 * Settings alone go with the book's X and K; an empty input changes nothing. Applied whole or not at all: throws (and `state` stays) for a
 * matrix that is invalid or too large ("step: X is 200×200; the Step panel steps through matrices up to 128×128 …")
 * or a setting outside the panel's range ("step: input stride 20 refused: stride must be a whole number from 1 to 8").
 */
export function applyInput(state: StepState, input: PanelInput): StepState {
  if (Object.values(input).every((x) => x === undefined)) return state;
  if (input.X) checkShown('X', input.X);
  if (input.K) checkShown('K', input.K);
  const settings = inputSettings(input);
  const next: StepState = { ...state, ...settings, index: 0, source: input.source, edited: [], xNote: undefined };
  if (input.K) {
    next.K = next.inputK = input.K;
    next.kernelId = 'input';
    const x = input.X ? { X: input.X, note: undefined } : xForKernel(input.K, settings);
    next.X = x.X;
    next.xNote = x.note;
  } else {
    const d = defaultStepState();
    next.X = input.X ?? d.X;
    next.kernelId = input.X ? kernelForX(input.X) : d.kernelId;
    next.K = presetById(next.kernelId)?.kernel() ?? d.K;
    next.inputK = undefined;
  }
  return next;
}

/** A setting changed in the panel: recorded as edited (no longer "from the input" or "default") for the caption. */
export function editSetting(s: StepState, patch: Partial<StepState>, setting: Setting): StepState {
  return { ...s, ...patch, edited: s.edited.includes(setting) ? s.edited : [...s.edited, setting] };
}

function settingText(s: StepState, k: Setting): string {
  switch (k) {
    case 'padding':
      return s.padding === 'valid' || s.padding === 0
        ? "padding 0 ('valid')"
        : s.padding === 'same'
          ? "padding 'same'"
          : `padding ${s.padding}`;
    case 'stride':
      return `stride ${s.stride}`;
    case 'dilation':
      return `dilation ${s.dilation}`;
    case 'bias':
      return s.bias === undefined ? 'no bias' : `bias ${s.bias}`;
    case 'mode':
      return s.mode === 'convolution' ? 'true convolution' : 'cross-correlation';
  }
}

/**
 * Where every value on screen came from, for the panel's caption: the matrices ("X and K from steps.py:5 corr2d(…)")
 * and the settings, split into those the input named, those changed here, and defaults — e.g. "padding 'same',
 * stride 2 from the input; dilation 1, no bias, cross-correlation: defaults; bias 1 set here".
 */
export function setupCaption(s: StepState): { matrices: string; settings: string } {
  const src = s.source;
  const book = 'Dive into Deep Learning §7.2, Fig. 7.2.1 (formerly Fig. 5.1)';
  const x = s.xNote ? `X is ${s.xNote}` : src ? `X from ${src}` : `X of ${book}`;
  const k =
    s.kernelId === 'input' && src
      ? `K from ${src}`
      : src || s.kernelId !== 'fig51'
        ? 'K from the picker below'
        : 'K of the same figure';
  const edited = SETTINGS.filter((k) => s.edited.includes(k));
  const named = src ? SETTINGS.filter((k) => s.named.includes(k) && !edited.includes(k)) : [];
  const defaults = SETTINGS.filter((k) => !named.includes(k) && !edited.includes(k));
  const part = (keys: readonly Setting[], how: string) =>
    keys.length ? `${keys.map((key) => settingText(s, key)).join(', ')}${how}` : '';
  const settings = [part(named, ' from the input'), part(defaults, ': defaults'), part(edited, ': set here')]
    .filter((p) => p !== '')
    .join('; ');
  return { matrices: `${x}; ${k}.`, settings: `${settings}.` };
}
