// The step panel's persisted state and what an input does to it. Plain JSON, validated when it comes back (an older
// or damaged state must not break the panel). X has channels `[c_in, h, w]` and K is a bank `[c_out, c_in/groups, kh,
// kw]` (d2l §7.4, PyTorch's weight layout); one channel in and out is the 2-D case of §7.2. An input — a call, a
// selected literal, a hover link, the sidebar — replaces the whole setup: what it names, and the defaults for what it
// does not; the caption says which is which.
import * as v from 'valibot';
import { MatrixSchema, ShownMatrixSchema, type PanelInput } from '../../src/protocol/messages';
import { edgeImage, fig51K, fig51X } from '../../src/core/fixtures';
import { multiGeometry } from '../../src/core/channels';
import { STEP_MAX_CHANNELS, STEP_MAX_ELEMENTS, STEP_MAX_SIDE } from '../../src/core/limits';
import { shapeOf, validateMatrix, type Matrix } from '../../src/core/matrix';
import { asFilters, asTransposedFilters, asVolume, type Filters, type Volume } from '../../src/core/volume';
import { d2l1410, d2l74X, exampleById, presetById, TRANSPOSED_EXAMPLES } from './presets';

/** Largest side of a channel of X or a kernel the panel steps through (a canvas draws the cells above 32). */
export const MAX_SIDE = STEP_MAX_SIDE;
/** Largest stride, dilation and padding (rows/columns of zeros per side) the panel offers. */
export const MAX_SETTING = 8;

/** Largest output padding the panel offers (it must also be below the stride or the dilation). */
export const MAX_OUTPUT_PADDING = MAX_SETTING - 1;

/** The allowed range of a setting, as shown next to an invalid field and in a refused input's error. */
export function rangeText(name: 'stride' | 'dilation' | 'padding' | 'groups' | 'outputPadding'): string {
  if (name === 'padding') return `padding must be 'valid', 'same' or a whole number from 0 to ${MAX_SETTING}`;
  if (name === 'groups') return `groups must divide both channel counts (torch.nn.Conv2d)`;
  if (name === 'outputPadding') {
    return `output padding must be a whole number from 0 to ${MAX_OUTPUT_PADDING}, smaller than the stride or the dilation (torch.nn.ConvTranspose2d)`;
  }
  return `${name} must be a whole number from 1 to ${MAX_SETTING}`;
}

/**
 * Throws unless `M` is a valid matrix the panel can show: "step: X is 200×200; the Step panel steps through
 * matrices up to 128×128 …" (or the core's "step: X row 1 has 2 elements, row 0 has 3").
 */
export function checkShown(name: string, M: Matrix): void {
  validateMatrix('step', name, M);
  const [r, c] = shapeOf(M);
  if (Math.max(r, c) > MAX_SIDE) {
    throw new Error(
      `step: ${name} is ${r}×${c}; the Step panel steps through matrices up to ${MAX_SIDE}×${MAX_SIDE} ` +
        '(use Conv2D: Detect Edges for images)',
    );
  }
}

/** Throws unless X's channels and K's kernels are matrices the panel shows, in counts and sizes it can draw. */
export function checkChannels(X: Volume, K: Filters): void {
  X.forEach((M, c) => checkShown(X.length > 1 ? `X channel ${c}` : 'X', M));
  K.forEach((bank, o) => bank.forEach((M, c) => checkShown(K.length * bank.length > 1 ? `K[${o}][${c}]` : 'K', M)));
  if (X.length > STEP_MAX_CHANNELS || K.length > STEP_MAX_CHANNELS) {
    throw new Error(
      `step: X has ${X.length} and K ${K.length} channels; the Step panel shows up to ${STEP_MAX_CHANNELS}`,
    );
  }
  const elements = X.length * X[0].length * X[0][0].length;
  if (elements > STEP_MAX_ELEMENTS) {
    throw new Error(`step: X has ${elements} values; the Step panel steps through up to ${STEP_MAX_ELEMENTS}`);
  }
}

const SmallInt = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** The settings an input can name. */
export const SETTINGS = ['padding', 'stride', 'dilation', 'bias', 'mode', 'groups', 'outputPadding'] as const;
/** One of them. */
export type Setting = (typeof SETTINGS)[number];

const Channels = v.pipe(v.array(ShownMatrixSchema), v.minLength(1), v.maxLength(STEP_MAX_CHANNELS));
const Bank = v.pipe(v.array(Channels), v.minLength(1), v.maxLength(STEP_MAX_CHANNELS));

/** Everything needed to show the panel as it was. */
export const StepStateSchema = v.pipe(
  v.object({
    /** X `[c_in, h, w]`. */
    X: Channels,
    /**
     * K as the user gave it (unflipped): `[c_out, c_in/groups, kh, kw]` (torch.nn.Conv2d's weight) for cross-correlation
     * and convolution, `[c_in, c_out/groups, kh, kw]` (torch.nn.ConvTranspose2d's) for the transposed convolution.
     */
    K: Bank,
    /** A preset or example id, or 'input' for a kernel that came from the editor. */
    kernelId: v.pipe(v.string(), v.maxLength(40)),
    /** The kernel that came from the editor, to return to after trying presets. */
    inputK: v.optional(Bank),
    mode: v.picklist(['correlation', 'convolution', 'transposed']),
    /** One bias per output channel, or none (no "+ b" step). */
    bias: v.optional(v.array(v.pipe(v.number(), v.finite()))),
    padding: v.union([v.picklist(['valid', 'same']), SmallInt(0, MAX_SETTING)]),
    stride: SmallInt(1, MAX_SETTING),
    dilation: SmallInt(1, MAX_SETTING),
    groups: v.optional(SmallInt(1, STEP_MAX_CHANNELS), 1),
    /** Transposed convolution only: rows/columns added at the bottom/right (PyTorch's output_padding). */
    outputPadding: v.optional(SmallInt(0, MAX_OUTPUT_PADDING), 0),
    /** Whether the matrix view (W·vec(X) = vec(Y)) is open. */
    matrix: v.optional(v.boolean(), false),
    /** The output channel shown (and stepped through). */
    out: v.optional(SmallInt(0, STEP_MAX_CHANNELS - 1), 0),
    stack: v.boolean(),
    K2: MatrixSchema,
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
  }),
  v.check((s) => {
    try {
      checkChannels(s.X, s.K);
      return true;
    } catch {
      return false;
    }
  }, `channels the panel shows (up to ${STEP_MAX_CHANNELS}, each up to ${MAX_SIDE}×${MAX_SIDE})`),
);
/** The panel's saved state. */
export type StepState = v.InferOutput<typeof StepStateSchema>;

/** d2l Fig. 7.2.1's X and K (Fig. 5.1 in older editions), cross-correlation, no bias, 'valid', stride 1, dilation 1. */
export function defaultStepState(): StepState {
  return {
    X: [fig51X()],
    K: [[fig51K()]],
    kernelId: 'fig51',
    mode: 'correlation',
    bias: undefined,
    padding: 'valid',
    stride: 1,
    dilation: 1,
    groups: 1,
    outputPadding: 0,
    matrix: false,
    out: 0,
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

/** True when the panel shows the 2-D case: one input channel, one output channel (in either weight layout). */
export function single(s: Pick<StepState, 'X' | 'K'>): boolean {
  return s.X.length === 1 && s.K.length === 1 && s.K[0].length === 1;
}

/** Output channels of the layer: K's first axis, or for the transposed convolution groups · K's second. */
export function cOutOf(s: Pick<StepState, 'K' | 'mode' | 'groups'>): number {
  return s.mode === 'transposed' ? s.K[0].length * s.groups : s.K.length;
}

/** The settings of a new setup: the defaults, with what the input names (checked against the panel's ranges). */
function inputSettings(input: PanelInput, cOut: number): Pick<StepState, Setting | 'named'> {
  const d = defaultStepState();
  const out: Pick<StepState, Setting | 'named'> = {
    padding: d.padding,
    stride: d.stride,
    dilation: d.dilation,
    bias: d.bias,
    mode: d.mode,
    groups: d.groups,
    outputPadding: d.outputPadding,
    // Output padding means something only to the transposed convolution (the hover names it "not applied" elsewhere).
    named: SETTINGS.filter((k) => input[k] !== undefined && (k !== 'outputPadding' || input.mode === 'transposed')),
  };
  const smallInt = (x: number, min: number) => Number.isInteger(x) && x >= min && x <= MAX_SETTING;
  const refuse = (name: 'stride' | 'dilation' | 'padding' | 'outputPadding', x: unknown) => {
    throw new Error(`step: input ${name} ${JSON.stringify(x)} refused: ${rangeText(name)}`);
  };
  if (input.bias !== undefined) out.bias = biasOf(input.bias, cOut);
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
  if (input.groups !== undefined) out.groups = input.groups;
  const op = input.outputPadding;
  if (op !== undefined && out.mode === 'transposed') {
    if (!(Number.isInteger(op) && op >= 0 && op <= MAX_OUTPUT_PADDING)) refuse('outputPadding', op);
    out.outputPadding = op;
  }
  return out;
}

/**
 * The bias of an input: one number for every output channel (0 means none: the sidebar always sends one), or one per
 * output channel. Throws for a non-finite value or a list of the wrong length.
 */
function biasOf(b: number | number[], cOut: number): number[] | undefined {
  const list = typeof b === 'number' ? (b === 0 ? undefined : Array<number>(cOut).fill(b)) : b;
  if (list?.some((x) => !Number.isFinite(x))) throw new Error(`step: input bias ${b} refused: the bias must be finite`);
  if (list && list.length !== cOut) {
    throw new Error(`step: input bias has ${list.length} values, K has ${cOut} output channels`);
  }
  return list;
}

/** Whether K fits X with these settings (multiGeometry accepts them). */
function fits(X: Volume, K: Filters, s: Pick<StepState, 'padding' | 'stride' | 'dilation' | 'groups'>): boolean {
  try {
    const padding = s.padding === 0 ? 'valid' : s.padding;
    multiGeometry('step', X, K, { padding, stride: s.stride, dilation: s.dilation, groups: s.groups });
    return true;
  } catch {
    return false;
  }
}

/**
 * X for an input that names only K: the book's X when K fits it — Fig. 7.2.1 for one channel, §7.4's two channels for
 * a kernel over two — else the book's 6×8 edge image, else a ramp 0, 1, 2, … two cells larger than the (dilated)
 * kernel each way, one per input channel — never a setup the panel must refuse.
 */
function xForKernel(
  K: Filters,
  s: Pick<StepState, 'padding' | 'stride' | 'dilation' | 'groups'>,
): { X: Volume; note: string } {
  const cIn = K[0].length * s.groups;
  const book = cIn === 2 ? d2l74X() : Array.from({ length: cIn }, () => fig51X());
  const name =
    cIn === 1
      ? "the book's 3×3 X (Fig. 7.2.1)"
      : cIn === 2
        ? "the book's 2×3×3 X (§7.4)"
        : `${cIn} copies of the book's 3×3 X`;
  if (fits(book, K, s)) return { X: book, note: name };
  const edge = Array.from({ length: cIn }, () => edgeImage());
  if (fits(edge, K, s))
    return {
      X: edge,
      note: `the book's 6×8 edge image${cIn > 1 ? `, ${cIn} times` : ''} (K is larger than the 3×3 X)`,
    };
  const [kh, kw] = shapeOf(K[0][0]);
  const h = Math.min(MAX_SIDE, s.dilation * (kh - 1) + 3);
  const w = Math.min(MAX_SIDE, s.dilation * (kw - 1) + 3);
  const X = Array.from({ length: cIn }, (_, c) =>
    Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, j) => c + r * w + j)),
  );
  return { X, note: `a ${cIn > 1 ? `${cIn}×` : ''}${h}×${w} ramp 0, 1, 2, … made for this ${kh}×${kw} kernel` };
}

/** K for an input that names only X: [1, −1] (d2l §7.2.3) on every channel, its transpose for one column, or [[1]]. */
function kernelForX(X: Volume): { id: string; K: Filters } {
  const [h, w] = shapeOf(X[0]);
  const id = w >= 2 ? 'edge-x' : h >= 2 ? 'edge-y' : 'identity';
  const k = presetById(id)?.kernel() ?? [[1]];
  return { id, K: [X.map(() => k.map((row) => [...row]))] };
}

/**
 * The state for an input from the editor, a hover link or the sidebar. It replaces the whole setup — X, K, padding,
 * stride, dilation, groups, bias, mode — with what the input names and the defaults for the rest, and starts at step
 * 0 of output channel 0. X may be `[h, w]` or `[c_in, h, w]`; K `[kh, kw]`, `[c_in, kh, kw]` (one output channel,
 * d2l's `corr2d_multi_in`) or `[c_out, c_in/groups, kh, kw]`. Only X: the kernel [1, −1] on every channel (d2l §7.2.3).
 * Only K: the book's X, or a larger X the kernel fits. Settings alone go with the book's X and K; an empty input
 * changes nothing. Applied whole or not at all: throws (and `state` stays) for a matrix that is invalid or too large
 * ("step: X is 200×200; the Step panel steps through matrices up to 128×128 …") or a setting outside the panel's
 * range ("step: input stride 20 refused: stride must be a whole number from 1 to 8").
 */
export function applyInput(state: StepState, input: PanelInput): StepState {
  if (Object.values(input).every((x) => x === undefined)) return state;
  if (input.mode === 'transposed') return applyTransposedInput(state, input);
  const Xin = input.X ? asVolume('step', input.X) : undefined;
  const Kin = input.K ? asFilters('step', input.K) : undefined;
  const d = defaultStepState();
  const kernel = Kin ? { id: 'input', K: Kin } : Xin ? kernelForX(Xin) : { id: d.kernelId, K: d.K };
  const settings = inputSettings(input, kernel.K.length);
  const x = Xin ? { X: Xin, note: undefined } : Kin ? xForKernel(Kin, settings) : { X: d.X, note: undefined };
  checkChannels(x.X, kernel.K);
  return {
    ...state,
    ...settings,
    X: x.X,
    xNote: x.note,
    K: kernel.K,
    kernelId: kernel.id,
    inputK: Kin,
    index: 0,
    out: 0,
    source: input.source,
    edited: [],
  };
}

/**
 * The state for an input with `mode: 'transposed'` (the transposed convolution, d2l §14.10): X `[h, w]` or
 * `[c_in, h, w]`, K as PyTorch's ConvTranspose2d weight — `[kh, kw]`, `[c_in, kh, kw]` (one output channel) or
 * `[c_in, c_out/groups, kh, kw]`. Only X: d2l's K = [[0, 1], [2, 3]] for every input channel, into one output channel.
 * Only K: d2l's X = [[0, 1], [2, 3]] for each input channel. Neither: the book's example (X = K = [[0, 1], [2, 3]]).
 * Replaces the whole setup like `applyInput`; throws (and `state` stays) for a matrix the panel cannot show or a
 * setting outside its range ("step: input output padding 9 refused: output padding must be a whole number from 0 to 7
 * …"). Channel counts that do not match are shown as the panel's error, not refused.
 */
function applyTransposedInput(state: StepState, input: PanelInput): StepState {
  const Xin = input.X ? asVolume('step', input.X) : undefined;
  const Kin = input.K ? asTransposedFilters('step', input.K) : undefined;
  const book = TRANSPOSED_EXAMPLES[0];
  const X = Xin ?? (Kin ? Kin.map(() => d2l1410()) : book.X());
  const K = Kin ?? (Xin ? Xin.map(() => [d2l1410()]) : book.K());
  const settings = inputSettings(input, K[0].length * (input.groups ?? 1));
  checkChannels(X, K);
  const xNote =
    !Xin && Kin
      ? `d2l §14.10's X = [[0, 1], [2, 3]]${K.length > 1 ? ` on each of ${K.length} channels` : ''}`
      : undefined;
  return {
    ...state,
    ...settings,
    X,
    xNote,
    K,
    kernelId: Kin ? 'input' : Xin ? 'fig51' : book.id,
    inputK: Kin,
    index: 0,
    out: 0,
    source: input.source,
    edited: [],
  };
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
      return s.bias === undefined ? 'no bias' : `bias ${s.bias.length === 1 ? s.bias[0] : `[${s.bias.join(', ')}]`}`;
    case 'mode':
      return {
        correlation: 'cross-correlation',
        convolution: 'true convolution',
        transposed: 'transposed convolution',
      }[s.mode];
    case 'groups':
      return `groups ${s.groups}`;
    case 'outputPadding':
      return `output padding ${s.outputPadding}`;
  }
}

/**
 * Where every value on screen came from, for the panel's caption: the matrices ("X and K from steps.py:5 corr2d(…)")
 * and the settings, split into those the input named, those changed here, and defaults — e.g. "padding 'same',
 * stride 2 from the input; dilation 1, no bias, cross-correlation: defaults; bias 1 set here". Groups are named only
 * for multi-channel setups, output padding only for the transposed convolution.
 */
export function setupCaption(s: StepState): { matrices: string; settings: string } {
  const src = s.source;
  const book = 'Dive into Deep Learning §7.2, Fig. 7.2.1 (formerly Fig. 5.1)';
  const example = exampleById(s.kernelId);
  const x = s.xNote
    ? `X is ${s.xNote}`
    : src
      ? `X from ${src}`
      : example && example.id !== 'fig721'
        ? `X and K of the example “${example.label}” (${example.ref})`
        : `X of ${book}`;
  const k =
    s.kernelId === 'input' && src
      ? `K from ${src}`
      : src || (s.kernelId !== 'fig51' && s.kernelId !== 'fig721')
        ? 'K from the picker below'
        : 'K of the same figure';
  const shown = SETTINGS.filter(
    (key) => (key !== 'groups' || !single(s)) && (key !== 'outputPadding' || s.mode === 'transposed'),
  );
  const edited = shown.filter((key) => s.edited.includes(key));
  // Settings an example sets are named as its own, like an input's.
  const named = src || example ? shown.filter((key) => s.named.includes(key) && !edited.includes(key)) : [];
  const defaults = shown.filter((key) => !named.includes(key) && !edited.includes(key));
  const part = (keys: readonly Setting[], how: string) =>
    keys.length ? `${keys.map((key) => settingText(s, key)).join(', ')}${how}` : '';
  const from = src ? ' from the input' : ' from the example';
  const settings = [part(named, from), part(defaults, ': defaults'), part(edited, ': set here')]
    .filter((p) => p !== '')
    .join('; ');
  const matrices = example && example.id !== 'fig721' && !src ? `${x}.` : `${x}; ${k}.`;
  return { matrices, settings: `${settings}.` };
}

/**
 * The state for example `id` of the picker: its X, K, groups, operation and the settings it names (stride, padding,
 * output padding), the defaults for every other setting (a new setup, as an input is), step 0 of output channel 0.
 */
export function applyExample(state: StepState, id: string): StepState {
  const e = exampleById(id);
  if (!e) return state;
  const d = defaultStepState();
  const named = (['mode', 'stride', 'padding', 'outputPadding'] as const).filter((k) => e[k] !== undefined);
  return {
    ...state,
    ...pickSettings(d),
    mode: e.mode ?? d.mode,
    stride: e.stride ?? d.stride,
    padding: e.padding ? e.padding : d.padding,
    outputPadding: e.outputPadding ?? d.outputPadding,
    X: e.X(),
    K: e.K(),
    groups: e.groups,
    kernelId: e.id,
    inputK: undefined,
    xNote: undefined,
    source: undefined,
    named,
    edited: [],
    index: 0,
    out: 0,
  };
}

function pickSettings(d: StepState): Pick<StepState, 'padding' | 'stride' | 'dilation' | 'bias' | 'mode'> {
  return { padding: d.padding, stride: d.stride, dilation: d.dilation, bias: d.bias, mode: d.mode };
}

/**
 * K with `groups`: every output channel keeps its first c_in/groups kernels, or repeats its last one when a group now
 * reads more channels (torch.nn.Conv2d weights are [c_out, c_in/groups, kh, kw]). Undefined when `groups` does not
 * divide both channel counts.
 */
export function regroup(X: Volume, K: Filters, groups: number): Filters | undefined {
  if (X.length % groups !== 0 || K.length % groups !== 0) return undefined;
  const per = X.length / groups;
  return K.map((bank) =>
    Array.from({ length: per }, (_, c) => (bank[c] ?? bank[bank.length - 1]).map((row) => [...row])),
  );
}

/**
 * A transposed convolution's K (`[c_in, c_out/groups, kh, kw]`, torch.nn.ConvTranspose2d) with `groups`, for `cOut`
 * output channels: every input channel keeps its first c_out/groups kernels, or repeats its last one. Undefined when
 * `groups` does not divide both channel counts.
 */
export function regroupTransposed(X: Volume, K: Filters, cOut: number, groups: number): Filters | undefined {
  if (X.length % groups !== 0 || cOut % groups !== 0) return undefined;
  const per = cOut / groups;
  return K.map((bank) =>
    Array.from({ length: per }, (_, q) => (bank[q] ?? bank[bank.length - 1]).map((row) => [...row])),
  );
}

/**
 * The other weight layout of the same kernels: torch.nn.Conv2d's `[c_out, c_in/groups, kh, kw]` ⇄ ConvTranspose2d's
 * `[c_in, c_out/groups, kh, kw]`, each kernel still joining the same input and output channel (input channel c of
 * group g ↔ output channel g·(c_out/groups) + q). `R[a][p] = K[⌊a / per⌋·(A / groups) + p][a mod per]` with A = K's
 * first axis and per = its second; applying it twice gives K back.
 */
export function swapWeightLayout(K: Filters, groups: number): Filters {
  const per = K[0].length;
  const aPer = K.length / groups;
  return Array.from({ length: per * groups }, (_, a) =>
    Array.from({ length: aPer }, (_, p) => K[Math.floor(a / per) * aPer + p][a % per].map((row) => [...row])),
  );
}

/**
 * The state after the operation picker: the transposed convolution (d2l §14.10) or back to cross-correlation. X,
 * groups, bias and padding/stride/dilation stay; K keeps its kernels in the other weight layout (`swapWeightLayout`),
 * so each still joins the same input and output channel; output padding applies to the transposed convolution only.
 * The step starts over (the transposed convolution steps input cells, cross-correlation output cells).
 */
export function switchOperation(s: StepState, transposed: boolean): StepState {
  if ((s.mode === 'transposed') === transposed) return s;
  const K = swapWeightLayout(s.K, s.groups);
  const inputK = s.inputK && s.inputK.length === s.K.length ? swapWeightLayout(s.inputK, s.groups) : undefined;
  return editSetting(
    { ...s, K, inputK, outputPadding: 0, index: 0, stack: transposed ? false : s.stack },
    { mode: transposed ? 'transposed' : 'correlation' },
    'mode',
  );
}
